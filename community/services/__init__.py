"""Every write a member can cause in the community, by subdomain. See ARCHITECTURE.md.

Views, admin screens, demo data and tests all call these functions; each checks permission
itself and runs in one transaction together with its gamification events.
"""

from .moderation import (
    close_question,
    delete_post,
    mark_duplicate,
    raise_flag,
    reopen_question,
    resolve_flag,
    review_post,
    set_flag_field,
    suspend_member,
    undelete_post,
)
from .notifications import mark_all_read, notify, save_settings
from .posts import ask_question, can_edit, edit_post, post_answer, post_comment
from .profiles import update_profile
from .promotion import best_answer, promote_to_article
from .subscriptions import follow
from .votes import accept_answer, cast_vote, verify_answer

__all__ = [
    "accept_answer",
    "ask_question",
    "best_answer",
    "can_edit",
    "cast_vote",
    "close_question",
    "delete_post",
    "edit_post",
    "follow",
    "mark_all_read",
    "mark_duplicate",
    "notify",
    "post_answer",
    "post_comment",
    "promote_to_article",
    "raise_flag",
    "reopen_question",
    "resolve_flag",
    "review_post",
    "save_settings",
    "set_flag_field",
    "suspend_member",
    "undelete_post",
    "update_profile",
    "verify_answer",
]
