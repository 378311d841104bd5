"""Checks every community write shares: who may post, how much, and whether it waits."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gamification import limits, privileges

from ..markdown import count_links
from ..models import Answer, Comment, PostStatus, Question
from ..roles import is_moderator


def lock_thread(question_id: int) -> Question:
    """Lock the question row for the rest of the transaction and return it fresh.

    Every write to a thread (answer, comment, vote, accept, verify) takes this lock first, so
    concurrent writes to one thread queue in the same order instead of deadlocking: without
    it a comment locked the search job row and then the question, while an answer held the
    question and waited for the job row (PostgreSQL aborted one of them: 40P01)."""
    return Question.objects.select_for_update().get(pk=question_id)


def require_active_member(user) -> None:
    """PermissionDenied unless `user` is logged in and not suspended."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to take part in the community."))
    if user.is_suspended:
        raise PermissionDenied(
            _("Your account is suspended until %(date)s, so you can't post for now.")
            % {"date": formats.date_format(timezone.localtime(user.suspended_until), "j F Y")}
        )


def check_posting(*, user, text: str, images: int = 0, is_comment: bool = False) -> None:
    """Suspension, then gamification's new-account limits (one gamification call: no rule
    of its own is repeated here). Comments count toward the daily number of posts but not
    toward the time between posts: replying to a reply is a conversation, not a flood."""
    require_active_member(user)
    if is_moderator(user):
        return
    since = timezone.now() - timedelta(hours=24)
    recent = [
        model.objects.filter(author=user, created_at__gte=since).count()
        for model in (Question, Answer, Comment)
    ]
    last = (
        Question.objects.filter(author=user).values_list("created_at", flat=True).first(),
        Answer.objects.filter(author=user)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first(),
    )
    latest = max((t for t in last if t), default=None)
    limits.check_posting_limits(
        user=user,
        posts_last_24h=sum(recent),
        seconds_since_last_post=(
            (timezone.now() - latest).total_seconds() if latest and not is_comment else None
        ),
        links=count_links(text),
        images=images,
    )


def require_privilege(user, privilege: str) -> None:
    """Gamification decides; moderators are covered there too."""
    privileges.require_privilege(user, privilege)


def require_moderator(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Only moderators and customer service can do this."))


def require_verifier(user) -> None:
    if not privileges.may_verify_answers(user):
        raise PermissionDenied(_("Only moderators and customer service can do this."))


def first_post_visibility(user) -> str:
    """New accounts' first posts wait for a moderator; afterwards they publish directly."""
    if is_moderator(user):
        return PostStatus.PUBLISHED
    needed = settings.COMMUNITY_FIRST_POSTS_REVIEWED
    published = (
        Question.objects.filter(author=user, visibility=PostStatus.PUBLISHED).count()
        + Answer.objects.filter(author=user, visibility=PostStatus.PUBLISHED).count()
    )
    return PostStatus.PUBLISHED if published >= needed else PostStatus.PENDING


def require_visible(post, *, user) -> None:
    """ValidationError for a deleted post, or a pending one that is not the member's own:
    nobody acts on what they can't see."""
    if post.visibility == PostStatus.PUBLISHED or is_moderator(user):
        return
    if post.visibility == PostStatus.PENDING and post.author_id == user.pk:
        return
    raise ValidationError(_("This post is not available."))


def require_open(question: Question, *, user) -> None:
    """ValidationError when the question no longer takes answers or comments."""
    require_visible(question, user=user)
    if question.is_locked and not is_moderator(user):
        raise ValidationError(_("This question is locked: it can't be changed or answered."))
    if question.is_closed:
        raise ValidationError(_("This question is closed and doesn't take new answers."))


def post_filter(post) -> Q:
    """Q(question=…) or Q(answer=…) for the models that hang off either kind of post."""
    return Q(question=post) if isinstance(post, Question) else Q(answer=post)


def source_key(kind: str, *parts) -> str:
    return ":".join(["community", kind, *map(str, parts)])
