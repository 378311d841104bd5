"""Thin views: parse input, call one service or selector, render. Errors from services come
back as messages (POST actions) or form errors (forms), never as a 500."""

from .actions import (
    FlagView,
    PromoteView,
    accept,
    close_vote,
    comment,
    delete,
    follow_key,
    follow_question,
    moderate,
    review,
    verify,
    vote,
)
from .freshness import ReverifyQueueView, reverify
from .moderation import AuditLogView, ReviewQueueView
from .notifications import InboxView, NotificationSettingsView
from .profiles import MemberListView, ProfileSettingsView, ProfileView, suspend
from .questions import (
    AnswerView,
    AskView,
    EditAnswerView,
    EditPostMixin,
    EditQuestionView,
    ProductView,
    QuestionListView,
    QuestionView,
    TagView,
    history,
    question_redirect,
)
from .suggestions import ImproveEditView, SuggestedEditQueueView, SuggestedEditView

__all__ = [
    "AnswerView",
    "AskView",
    "AuditLogView",
    "EditAnswerView",
    "EditPostMixin",
    "EditQuestionView",
    "FlagView",
    "ImproveEditView",
    "InboxView",
    "MemberListView",
    "NotificationSettingsView",
    "ProductView",
    "ProfileSettingsView",
    "ProfileView",
    "PromoteView",
    "QuestionListView",
    "QuestionView",
    "ReverifyQueueView",
    "ReviewQueueView",
    "SuggestedEditQueueView",
    "SuggestedEditView",
    "TagView",
    "accept",
    "close_vote",
    "comment",
    "delete",
    "follow_key",
    "follow_question",
    "history",
    "moderate",
    "question_redirect",
    "reverify",
    "review",
    "suspend",
    "verify",
    "vote",
]
