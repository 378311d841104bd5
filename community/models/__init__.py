"""Community data. See ARCHITECTURE.md: models keep invariants, services change them."""

from .edits import CloseVote, SuggestedEdit
from .freshness import AnswerFreshness, FreshnessCheck, FreshnessReason
from .members import User
from .moderation import Flag, ModerationAction
from .notifications import Notification, NotificationSetting, Subscription
from .posts import (
    Answer,
    Comment,
    PostImage,
    PostStatus,
    Question,
    QuestionQuerySet,
    Revision,
    Vote,
)

__all__ = [
    "Answer",
    "CloseVote",
    "AnswerFreshness",
    "Comment",
    "Flag",
    "FreshnessCheck",
    "FreshnessReason",
    "ModerationAction",
    "Notification",
    "NotificationSetting",
    "PostImage",
    "PostStatus",
    "Question",
    "QuestionQuerySet",
    "Revision",
    "Subscription",
    "SuggestedEdit",
    "User",
    "Vote",
]
