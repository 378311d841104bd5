"""What a member may do, by reputation. The one place `community`, templates and the API ask.

Staff, superusers and members of the "Community moderators" group have every privilege.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors

ASK = "ask"
ANSWER = "answer"
VOTE_UP = "vote_up"
FLAG = "flag"
COMMENT_EVERYWHERE = "comment_everywhere"
VOTE_DOWN = "vote_down"
EDIT_OTHERS_REVIEWED = "edit_others_reviewed"
SEE_VOTE_COUNTS = "see_vote_counts"
REVIEW_FIRST_POSTS = "review_first_posts"
EDIT_WITHOUT_REVIEW = "edit_without_review"
VOTE_CLOSE = "vote_close"

MODERATORS_GROUP = "Community moderators"
# Customer service verifies answers ("Geverifieerd door de klantenservice") without being a
# community moderator; the support app owns the group and its back-office permissions.
CUSTOMER_SERVICE_GROUP = "Klantenservice"

# privilege -> (reputation needed, what it lets you do)
PRIVILEGES: dict[str, tuple[int, str]] = {
    ASK: (1, gettext_lazy("ask questions")),
    ANSWER: (1, gettext_lazy("answer questions")),
    VOTE_UP: (15, gettext_lazy("vote up")),
    FLAG: (15, gettext_lazy("flag posts")),
    COMMENT_EVERYWHERE: (50, gettext_lazy("comment everywhere")),
    VOTE_DOWN: (125, gettext_lazy("vote down")),
    EDIT_OTHERS_REVIEWED: (500, gettext_lazy("suggest edits to others' posts")),
    SEE_VOTE_COUNTS: (1000, gettext_lazy("see up and down vote counts")),
    REVIEW_FIRST_POSTS: (1000, gettext_lazy("review first posts")),
    EDIT_WITHOUT_REVIEW: (2000, gettext_lazy("edit posts without review")),
    VOTE_CLOSE: (3000, gettext_lazy("vote to close or reopen questions")),
}


def threshold(privilege: str) -> int:
    try:
        return PRIVILEGES[privilege][0]
    except KeyError:
        raise ValueError(f"Unknown privilege {privilege!r}") from None


def is_moderator(user) -> bool:
    """Administrators (superusers) and members of the moderators group; cached on the user.
    Staff status alone is not enough: editors and customer service reach the back office
    without moderating the community (roles are separate, issue 15)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_gamification_moderator"):
        user._gamification_moderator = user.groups.filter(name=MODERATORS_GROUP).exists()
    return user._gamification_moderator


def may_verify_answers(user) -> bool:
    """Moderators and customer service may mark an answer as verified."""
    if is_moderator(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(name=CUSTOMER_SERVICE_GROUP).exists()


def has_privilege(user, privilege: str) -> bool:
    """Whether `user` may do `privilege` now. Anonymous and inactive users may do nothing."""
    needed = threshold(privilege)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_moderator(user):
        return True
    return selectors.reputation_of(user) >= needed


def require_privilege(user, privilege: str) -> None:
    """PermissionDenied with a message the member can read unless they have `privilege`."""
    if not has_privilege(user, privilege):
        needed, action = PRIVILEGES[privilege]
        raise PermissionDenied(
            _("You need %(points)d reputation to %(action)s.")
            % {"points": needed, "action": action}
        )


def privilege_hint(privilege: str) -> str:
    """A tooltip for a button the member cannot use yet: "Unlocks at 125 reputation"."""
    return _("Unlocks at %(points)d reputation") % {"points": threshold(privilege)}
