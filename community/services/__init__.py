"""Every write a member can cause in the community, by subdomain. See ARCHITECTURE.md.

Views, admin screens, demo data and tests all call these functions; each checks permission
itself and runs in one transaction together with its gamification events.
"""

from .closing import vote_to_close, vote_to_reopen
from .edits import approve_edit, reject_edit, suggest_edit
from .freshness import reverify_answer, unverify_answer
from .moderation import (
    Decision,
    close_question,
    decide_flags,
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
from .posts import (
    ask_question,
    can_edit,
    can_suggest_edit,
    edit_post,
    post_answer,
    post_comment,
)
from .profiles import update_profile
from .promotion import best_answer, promote_to_article
from .subscriptions import follow
from .votes import accept_answer, cast_vote, verify_answer

__all__ = [
    "Decision",
    "accept_answer",
    "approve_edit",
    "ask_question",
    "best_answer",
    "can_edit",
    "can_suggest_edit",
    "cast_vote",
    "close_question",
    "decide_flags",
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
    "reject_edit",
    "reopen_question",
    "resolve_flag",
    "reverify_answer",
    "review_post",
    "save_settings",
    "set_flag_field",
    "suggest_edit",
    "suspend_member",
    "undelete_post",
    "unverify_answer",
    "update_profile",
    "verify_answer",
    "vote_to_close",
    "vote_to_reopen",
]
