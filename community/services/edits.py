"""Suggested edits: members with EDIT_OTHERS_REVIEWED propose a change to someone else's
post; reviewers (EDIT_WITHOUT_REVIEW or moderators) approve, improve or reject it. An
approved edit goes through `posts.apply_edit`, so it is a Revision like any other edit, and
earns its suggester SUGGESTED_EDIT_APPROVED (+2) once."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gamification import privileges, rates
from gamification import rules as reasons
from gamification import services as gamification
from vraagbaak.db import atomic_with_retry

from ..models import Answer, Notification, Question, SuggestedEdit, User
from ..roles import is_moderator
from . import notifications
from ._common import lock_thread, require_active_member, require_privilege, require_visible
from ._common import source_key as make_source_key
from .moderation import log_action
from .posts import _validate_text, apply_edit, guard_personal_data, normalise_tags, question_facts

DEFAULT_DAILY_SUGGESTIONS = 10


def daily_limit() -> int:
    return int(getattr(settings, "COMMUNITY_SUGGESTED_EDITS_PER_DAY", DEFAULT_DAILY_SUGGESTIONS))


def may_review(user) -> bool:
    """Reviewers of suggested edits: whoever may edit without review, and moderators."""
    return privileges.has_privilege(user, privileges.EDIT_WITHOUT_REVIEW)


def require_reviewer(user) -> None:
    require_active_member(user)
    if not may_review(user):
        raise PermissionDenied(
            _("Reviewing suggested edits needs %(points)d reputation.")
            % {"points": privileges.threshold(privileges.EDIT_WITHOUT_REVIEW)}
        )


def source_key(suggestion: SuggestedEdit) -> str:
    return make_source_key("suggested-edit", suggestion.pk)


def _tags_text(tags) -> str:
    return ", ".join(sorted(tags))


@atomic_with_retry
def suggest_edit(
    *,
    post: Question | Answer,
    by: User,
    body: str,
    title: str | None = None,
    tags: list[str] | None = None,
    summary: str = "",
) -> SuggestedEdit:
    """Store an edit of someone else's post for review. Needs EDIT_OTHERS_REVIEWED; one
    pending suggestion per post per member and `daily_limit()` a day; the text must change
    something. Personal data is masked (there is no confirmation step). Runs in one
    transaction under the thread's lock."""
    require_active_member(by)
    if post.author_id == by.pk:
        raise ValidationError(_("This is your own post: edit it directly."))
    require_privilege(by, privileges.EDIT_OTHERS_REVIEWED)
    question = lock_thread(post.pk if isinstance(post, Question) else post.question_id)
    require_visible(post, user=by)
    if question.is_locked:
        raise ValidationError(_("This question is locked: it can't be changed or answered."))
    is_question = isinstance(post, Question)
    _validate_text(title=title if is_question else None, body=body)
    title, body, summary = guard_personal_data(
        title if is_question else None, body, summary, confirmed=True
    )
    base_tags = _tags_text(post.tags.names()) if is_question else ""
    new_tags = _tags_text(normalise_tags(tags)) if is_question and tags is not None else base_tags
    suggestion = SuggestedEdit(
        author=by,
        title=(title or "").strip() if is_question else "",
        body=body.strip(),
        tags=new_tags,
        summary=(summary or "").strip()[:200],
        base_title=post.title if is_question else "",
        base_body=post.body,
        base_tags=base_tags,
    )
    setattr(suggestion, "question" if is_question else "answer", post)
    if (suggestion.title, suggestion.body, suggestion.tags) == (
        suggestion.base_title, post.body.strip(), base_tags
    ):
        raise ValidationError(_("Your suggestion doesn't change anything yet."))
    _check_daily_limit(by)
    rates.check_rate(by, rates.EDIT)
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("You already suggested an edit to this post; wait until it is reviewed.")
        ) from exc
    return suggestion


def _check_daily_limit(user) -> None:
    since = timezone.now() - timedelta(hours=24)
    made = SuggestedEdit.objects.filter(author=user, created_at__gte=since).count()
    if made >= daily_limit():
        raise ValidationError(
            _("You can suggest %(n)d edits a day. Thanks for helping; try again tomorrow.")
            % {"n": daily_limit()}
        )


def _locked_pending(suggestion: SuggestedEdit, *, by) -> SuggestedEdit:
    """The suggestion's row, locked, if it still waits and `by` may review it."""
    require_reviewer(by)
    # Only the suggestion's own row is locked: PostgreSQL refuses FOR UPDATE on the nullable
    # side of the outer joins that fetch its post.
    fresh = (
        SuggestedEdit.objects.select_for_update(of=("self",))
        .select_related("author", "question", "answer__question")
        .get(pk=suggestion.pk)
    )
    if not fresh.is_pending:
        raise ValidationError(_("This suggested edit was already reviewed."))
    if fresh.author_id == by.pk:
        raise PermissionDenied(_("Someone else reviews your own suggested edits."))
    return fresh


@atomic_with_retry
def approve_edit(
    *,
    suggestion: SuggestedEdit,
    by: User,
    body: str | None = None,
    title: str | None = None,
    tags: list[str] | None = None,
) -> SuggestedEdit:
    """Apply a pending suggestion as its suggester's revision and credit them +2 (once: the
    ledger event is keyed by the suggestion). Giving `body` (and for a question `title` and
    `tags`) improves it: the reviewer's version is saved as a second revision on top.
    A plain approval of a post that changed since the suggestion was made is refused (the
    reviewer may improve it instead). Notifies the suggester."""
    suggestion = _locked_pending(suggestion, by=by)
    post = suggestion.post
    lock_thread(suggestion.question_id or post.question_id)
    post.refresh_from_db()
    is_question = suggestion.question_id is not None
    improved = body is not None and _differs(suggestion, body=body, title=title, tags=tags)
    if body is None and post.body != suggestion.base_body:
        raise ValidationError(
            _("The post was edited after this suggestion; improve it or reject it.")
        )
    suggested_tags = [t for t in suggestion.tags.split(", ") if t] if is_question else None
    apply_edit(
        post=post,
        by=suggestion.author,
        body=suggestion.body,
        title=suggestion.title if is_question else None,
        tags=suggested_tags,
        summary=suggestion.summary,
        pii_confirmed=True,
    )
    if improved:
        apply_edit(
            post=post,
            by=by,
            body=body,
            title=title if is_question else None,
            tags=tags if is_question else None,
            summary=_("Improved a suggested edit"),
            pii_confirmed=True,
        )
    question = post if is_question else post.question
    gamification.record(
        user=suggestion.author,
        reason=reasons.SUGGESTED_EDIT_APPROVED,
        source_key=source_key(suggestion),
        actor=by,
        facts=question_facts(question) | {"post": f"{suggestion.kind}:{post.pk}"},
    )
    _close(suggestion, by=by, state=SuggestedEdit.State.APPROVED, improved=improved)
    log_action(
        by=by, action="approve edit", question=question,
        answer=None if is_question else post, member=suggestion.author,
    )
    return suggestion


@transaction.atomic
def reject_edit(*, suggestion: SuggestedEdit, by: User, reason: str) -> SuggestedEdit:
    """Reject a pending suggestion with a reason the suggester reads; the post is unchanged."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so the member can do better next time.")})
    suggestion = _locked_pending(suggestion, by=by)
    suggestion.review_reason = reason[:300]
    _close(suggestion, by=by, state=SuggestedEdit.State.REJECTED)
    post = suggestion.post
    log_action(
        by=by, action="reject edit",
        question=post if suggestion.question_id else post.question,
        answer=None if suggestion.question_id else post,
        member=suggestion.author, reason=reason,
    )
    return suggestion


def _differs(suggestion: SuggestedEdit, *, body: str, title, tags) -> bool:
    if body.strip() != suggestion.body:
        return True
    if suggestion.question_id is None:
        return False
    return (title or "").strip() != suggestion.title or _tags_text(
        normalise_tags(tags or [])
    ) != suggestion.tags


def _close(suggestion: SuggestedEdit, *, by, state: str, improved: bool = False) -> None:
    suggestion.state, suggestion.reviewer, suggestion.reviewed_at = state, by, timezone.now()
    suggestion.improved = improved
    suggestion.save(update_fields=["state", "reviewer", "reviewed_at", "improved",
                                   "review_reason"])
    post = suggestion.post
    question = post if suggestion.question_id else post.question
    notifications.notify(
        recipient=suggestion.author,
        kind=Notification.Kind.EDIT_REVIEWED,
        actor=by,
        text=question.title,
        url=reverse("community:suggested_edit", kwargs={"pk": suggestion.pk}),
    )


def revert_credit(*, suggestion: SuggestedEdit, by: User, why: str) -> int:
    """Take back the +2 of an approved suggestion (e.g. it turned out to be vandalism).
    Moderators only; returns how many ledger events were reversed."""
    if not is_moderator(by):
        raise PermissionDenied(_("Only moderators and customer service can do this."))
    return gamification.revert(
        source_key=source_key(suggestion), reason=reasons.SUGGESTED_EDIT_APPROVED, by=by, why=why
    )
