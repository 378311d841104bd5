"""Community data. See ARCHITECTURE.md: models keep invariants, services change them."""

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
    "Comment",
    "Flag",
    "ModerationAction",
    "Notification",
    "NotificationSetting",
    "PostImage",
    "PostStatus",
    "Question",
    "QuestionQuerySet",
    "Revision",
    "Subscription",
    "User",
    "Vote",
]
