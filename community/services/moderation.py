"""Flags, the review queue and everything a moderator does. Each moderator action writes one
ModerationAction row (the audit log) in the same transaction as the change itself."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gamification import privileges, rates
from gamification import rules as reasons
from gamification import services as gamification

from ..models import (
    Answer,
    Comment,
    Flag,
    ModerationAction,
    Notification,
    PostStatus,
    Question,
    User,
)
from ..roles import is_moderator
from ..signals import questions_changed
from . import notifications, reputation
from ._common import require_active_member, require_moderator, require_privilege, source_key
from .posts import announce_answer, announce_question, question_facts

# Upheld flags for these reasons cost the author reputation (gamification decides how much).
PENALISED = {Flag.Reason.SPAM, Flag.Reason.RUDE}


def log_action(*, by, action: str, question=None, answer=None, member=None, reason="") -> None:
    ModerationAction.objects.create(
        moderator=by,
        action=action,
        question=question,
        answer=answer,
        member=member,
        reason=reason[:300],
    )


def start_new_round(question: Question) -> None:
    """The question was closed or reopened: close votes cast so far no longer count."""
    Question.objects.filter(pk=question.pk).update(close_round=F("close_round") + 1)
    question.close_round += 1


def _question_of(post) -> Question:
    return post if isinstance(post, Question) else post.question


@transaction.atomic
def raise_flag(
    *, post: Question | Answer, by: User, reason: str, note: str = "", duplicate_of=None
) -> Flag:
    """Put `post` in the review queue. Needs the FLAG privilege; one open flag per member per
    post; a duplicate flag must name the original question."""
    require_active_member(by)
    require_privilege(by, privileges.FLAG)
    if post.author_id == by.pk:
        raise ValidationError(_("You can't flag your own post; edit or delete it instead."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose why this post needs attention.")})
    rates.check_rate(by, rates.FLAG)
    if reason == Flag.Reason.DUPLICATE and (
        duplicate_of is None or duplicate_of.pk == _question_of(post).pk
    ):
        raise ValidationError({"duplicate_of": _("Link the question this one duplicates.")})
    flag = Flag(reporter=by, reason=reason, note=note.strip(), duplicate_of=duplicate_of)
    setattr(flag, "question" if isinstance(post, Question) else "answer", post)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError as exc:
        raise ValidationError(_("You already flagged this post; a moderator will look.")) from exc
    _hide_when_trusted_agree(post)
    return flag


class Decision:
    """What a moderator decides about a flagged post; every open flag on it is resolved so."""

    HIDE = "hide"  # uphold: the post is soft-deleted (undelete_post brings it back)
    WARN = "warn"  # uphold: the post stays, its author gets a warning
    DISMISS = "dismiss"  # nothing wrong: flags dismissed, an auto-hidden post comes back
    ALL = (HIDE, WARN, DISMISS)


def _open_flags_on(post):
    field = "question" if isinstance(post, Question) else "answer"
    return Flag.objects.filter(state=Flag.State.OPEN, **{field: post})


@transaction.atomic
def decide_flags(*, post: Question | Answer, by: User, decision: str, why: str = "") -> int:
    """Resolve every open flag on `post` with one decision (a `Decision` value) and return
    how many were resolved. Upholding (HIDE, WARN) costs the author reputation when a flag
    was for spam or abuse and credits each flagger; HIDE soft-deletes the post; DISMISS
    republishes a post that flags from trusted members had hidden. One log row."""
    require_moderator(by)
    if decision not in Decision.ALL:
        raise ValueError(decision)
    flags = list(_open_flags_on(post).select_related("reporter"))
    if not flags:
        raise ValidationError(_("This flag was already handled."))
    upheld = decision != Decision.DISMISS
    _open_flags_on(post).update(
        state=Flag.State.UPHELD if upheld else Flag.State.DISMISSED,
        handled_by=by,
        handled_at=timezone.now(),
    )
    if upheld:
        _reward_flaggers(post, flags, by=by)
    if decision == Decision.HIDE and post.visibility != PostStatus.DELETED:
        _set_visibility(post, PostStatus.DELETED, by=by)
    elif decision == Decision.DISMISS and post.visibility == PostStatus.PENDING:
        # Only flags can make a published post pending again (see _hide_when_trusted_agree).
        _set_visibility(post, PostStatus.PUBLISHED, by=by)
    if decision == Decision.WARN:
        _warn_author(post, by=by, why=why or flags[0].get_reason_display())
    action = {Decision.HIDE: "flag upheld", Decision.WARN: "warn"}.get(decision, "flag dismissed")
    log_action(
        by=by,
        action=action,
        question=_question_of(post),
        answer=post if isinstance(post, Answer) else None,
        member=post.author if decision == Decision.WARN else None,
        reason=why or flags[0].get_reason_display(),
    )
    if decision == Decision.HIDE:
        _tell_author(post, by=by)
    return len(flags)


def _reward_flaggers(post, flags: list[Flag], *, by) -> None:
    facts = question_facts(_question_of(post)) | {"flag": flags[0].reason}
    penalised = next((f for f in flags if f.reason in PENALISED), None)
    if penalised is not None:
        gamification.record(
            user=post.author,
            reason=reasons.FLAG_UPHELD,
            source_key=source_key("flag", penalised.pk),
            actor=by,
            facts=facts,
        )
    for each in flags:
        gamification.record(
            user=each.reporter,
            reason=reasons.FLAG_RAISED_UPHELD,
            source_key=source_key("flag", each.pk),
            actor=by,
            facts=facts,
        )


def _warn_author(post, *, by, why: str) -> None:
    question = _question_of(post)
    notifications.notify(
        recipient=post.author,
        kind=Notification.Kind.MODERATION,
        actor=by,
        text=_("Warning from a moderator about “%(title)s”: %(why)s")
        % {"title": question.title, "why": why},
        url=post.get_absolute_url(),
    )


@transaction.atomic
def resolve_flag(*, flag: Flag, by: User, upheld: bool, why: str = "") -> Flag:
    """Uphold (the post is hidden) or dismiss `flag` together with every other open flag on
    the same post; see `decide_flags`."""
    if flag.state != Flag.State.OPEN:
        raise ValidationError(_("This flag was already handled."))
    decision = Decision.HIDE if upheld else Decision.DISMISS
    decide_flags(post=flag.post, by=by, decision=decision, why=why)
    flag.refresh_from_db()
    return flag


def _hide_when_trusted_agree(post) -> None:
    """Enough open flags from trusted members (settings.COMMUNITY_FLAGS_TO_HIDE, members with
    the COMMUNITY_TRUSTED_FLAGGER privilege) hide a published post until a moderator decides."""
    needed = getattr(settings, "COMMUNITY_FLAGS_TO_HIDE", 3)
    if not needed or post.visibility != PostStatus.PUBLISHED:
        return
    privilege = getattr(settings, "COMMUNITY_TRUSTED_FLAGGER", privileges.REVIEW_FIRST_POSTS)
    reporters = _open_flags_on(post).select_related("reporter")
    trusted = sum(1 for f in reporters if privileges.has_privilege(f.reporter, privilege))
    if trusted >= needed:
        _set_visibility(post, PostStatus.PENDING)


@transaction.atomic
def review_post(*, post: Question | Answer, by: User, approve: bool, why: str = "") -> None:
    """Approve a waiting first post (it becomes visible and announced) or reject it (it is
    soft-deleted). Needs REVIEW_FIRST_POSTS or the moderator role."""
    require_active_member(by)
    require_privilege(by, privileges.REVIEW_FIRST_POSTS)
    if post.visibility != PostStatus.PENDING:
        raise ValidationError(_("This post is not waiting for review."))
    post.visibility = PostStatus.PUBLISHED if approve else PostStatus.DELETED
    post.save(update_fields=["visibility"])
    if approve and isinstance(post, Answer):
        Question.objects.filter(pk=post.question_id).update(
            answer_count=F("answer_count") + 1, last_activity_at=timezone.now()
        )
    if approve:
        (announce_question if isinstance(post, Question) else announce_answer)(post)
    log_action(
        by=by,
        action="approve" if approve else "reject",
        question=_question_of(post),
        answer=post if isinstance(post, Answer) else None,
        reason=why,
    )


@transaction.atomic
def close_question(*, question: Question, by: User, reason: str, note: str = "") -> Question:
    """Close with a reason (a CloseReason value); closed questions take no answers."""
    require_moderator(by)
    if reason not in Question.CloseReason.values:
        raise ValidationError({"reason": _("Choose why the question is closed.")})
    question.status, question.close_reason, question.close_note = "closed", reason, note
    question.save(update_fields=["status", "close_reason", "close_note"])
    start_new_round(question)
    log_action(by=by, action="close", question=question, reason=note or reason)
    _tell_author(question, by=by)
    return question


@transaction.atomic
def reopen_question(*, question: Question, by: User, why: str) -> Question:
    require_moderator(by)
    if not question.is_closed:
        raise ValidationError(_("This question is not closed."))
    answered = question.answers.filter(is_accepted=True).exists()
    question.status = Question.Status.ANSWERED if answered else Question.Status.OPEN
    question.close_reason, question.close_note, question.duplicate_of = "", "", None
    question.save(update_fields=["status", "close_reason", "close_note", "duplicate_of"])
    start_new_round(question)
    log_action(by=by, action="reopen", question=question, reason=why)
    return question


@transaction.atomic
def mark_duplicate(
    *, question: Question, original: Question, by: User, merge_answers: bool = False
) -> Question:
    """Close `question` as a duplicate pointing at `original`; with `merge_answers` its
    answers move to the original (losing accepted/verified marks, which belong to the asker
    and moderators of that question)."""
    require_moderator(by)
    if original.pk == question.pk or original.duplicate_of_id == question.pk:
        raise ValidationError(_("A question can't be a duplicate of itself."))
    question.status, question.close_reason = "closed", Question.CloseReason.DUPLICATE
    question.duplicate_of = original
    question.save(update_fields=["status", "close_reason", "duplicate_of"])
    start_new_round(question)
    if merge_answers:
        _merge_answers(question, into=original, by=by)
    log_action(
        by=by,
        action="merge duplicate" if merge_answers else "mark duplicate",
        question=question,
        reason=f"#{original.pk} {original.title}"[:300],
    )
    _tell_author(question, by=by)
    return question


def _merge_answers(question: Question, *, into: Question, by) -> int:
    """Move `question`'s published answers to `into` and restate their reputation (see
    reputation.restate_moved_answer). Returns how many moved."""
    answers = list(question.answers.filter(visibility=PostStatus.PUBLISHED))
    why = f"merged into question #{into.pk}"
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(
        question=into, is_accepted=False, is_verified=False, verified_by=None
    )
    for answer in answers:
        answer.question = into
        reputation.restate_moved_answer(answer=answer, to=into, by=by, why=why)
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") - len(answers))
    Question.objects.filter(pk=into.pk).update(
        answer_count=F("answer_count") + len(answers), last_activity_at=timezone.now()
    )
    questions_changed.send(sender=Question, question_ids=[question.pk, into.pk])
    return len(answers)


@transaction.atomic
def set_flag_field(*, question: Question, by: User, field: str, value: bool, why: str = ""):
    """Lock/unlock or pin/unpin a question (field is "is_locked" or "is_pinned")."""
    require_moderator(by)
    if field not in ("is_locked", "is_pinned"):
        raise ValueError(field)
    setattr(question, field, value)
    question.save(update_fields=[field])
    action = {"is_locked": ("lock", "unlock"), "is_pinned": ("pin", "unpin")}[field]
    log_action(by=by, action=action[0] if value else action[1], question=question, reason=why)
    return question


@transaction.atomic
def delete_post(*, post: Question | Answer | Comment, by: User, why: str = "") -> None:
    """Soft-delete: hidden from everyone but moderators, reversible with `undelete_post`.
    Authors may delete their own answers and comments; anything else needs a moderator."""
    own = post.author_id == by.pk and not isinstance(post, Question)
    if not own:
        require_moderator(by)
    _set_visibility(post, PostStatus.DELETED, by=by)
    _log_post(post, by=by, action="delete", why=why)


@transaction.atomic
def undelete_post(*, post: Question | Answer | Comment, by: User, why: str = "") -> None:
    require_moderator(by)
    _set_visibility(post, PostStatus.PUBLISHED, by=by)
    _log_post(post, by=by, action="undelete", why=why)


def _set_visibility(post, visibility: str, *, by=None) -> None:
    """Change who sees `post`, keeping the question's answer count. An accepted answer that
    stops being visible loses the mark and its points (reputation.drop_acceptance), and so
    does a verified one (reputation.drop_verification)."""
    was_visible = post.visibility == PostStatus.PUBLISHED
    post.visibility = visibility
    post.save(update_fields=["visibility"])
    if isinstance(post, Answer) and was_visible and visibility != PostStatus.PUBLISHED:
        reputation.drop_acceptance(answer=post, by=by, why=f"answer {visibility}")
        reputation.drop_verification(answer=post, by=by, why=f"answer {visibility}")
        questions_changed.send(sender=Question, question_ids=[post.question_id])
    if isinstance(post, Answer) and was_visible != (visibility == PostStatus.PUBLISHED):
        delta = 1 if visibility == PostStatus.PUBLISHED else -1
        Question.objects.filter(pk=post.question_id).update(answer_count=F("answer_count") + delta)


def _log_post(post, *, by, action: str, why: str) -> None:
    if isinstance(post, Comment):
        question = post.question or post.answer.question
        log_action(
            by=by, action=f"{action} comment", question=question, answer=post.answer, reason=why
        )
        return
    log_action(
        by=by,
        action=action,
        question=_question_of(post),
        answer=post if isinstance(post, Answer) else None,
        reason=why,
    )
    if post.author_id != by.pk:
        _tell_author(post, by=by)


def _is_team(user: User) -> bool:
    return user.is_staff or user.is_superuser or is_moderator(user)


@transaction.atomic
def suspend_member(*, member: User, by: User, days: int, why: str, revert: bool = False) -> User:
    """Stop `member` posting for `days` days (0 lifts it). With `revert`, the reputation
    they caused is reversed through gamification (for spammers). Staff, moderators and the
    superuser can only be suspended by a superuser (an administrator)."""
    require_moderator(by)
    if member.pk == by.pk:
        raise ValidationError(_("You can't suspend yourself."))
    if _is_team(member) and not by.is_superuser:
        raise PermissionDenied(_("Only an administrator can suspend staff or moderators."))
    if not why.strip():
        raise ValidationError({"why": _("Say why; the member and other moderators will see it.")})
    member.suspended_until = timezone.now() + timedelta(days=days) if days > 0 else None
    member.suspension_reason = why.strip() if days > 0 else ""
    member.save(update_fields=["suspended_until", "suspension_reason"])
    if revert:
        gamification.revert_user_activity(user=member, by=by, why=why)
    log_action(
        by=by,
        action="suspend" if days > 0 else "unsuspend",
        member=member,
        reason=f"{days}d: {why}"[:300],
    )
    return member


def _tell_author(post, *, by) -> None:
    question = _question_of(post)
    if post.author_id == by.pk:
        return
    notifications.notify(
        recipient=post.author,
        kind=Notification.Kind.MODERATION,
        actor=by,
        text=question.title,
        url=post.get_absolute_url(),
    )


def require_can_see_queue(user) -> None:
    if not privileges.has_privilege(user, privileges.REVIEW_FIRST_POSTS):
        raise PermissionDenied(_("The review queue is for moderators."))
