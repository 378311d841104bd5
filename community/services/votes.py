"""Votes, accepted answers and customer-service verification.

Every score change is an F() update on the post row, made while the Vote row's unique
constraint guards against a second vote by the same member, and the reputation event is
recorded through gamification in the same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gamification import privileges, rates
from gamification import rules as reasons
from gamification import services as gamification
from vraagbaak.db import atomic_with_retry

from ..models import Answer, Notification, Question, Vote
from ..signals import questions_changed
from . import notifications
from ._common import (
    lock_thread,
    require_active_member,
    require_privilege,
    require_verifier,
    require_visible,
    source_key,
)
from .freshness import note_verification
from .moderation import log_action
from .posts import question_facts

# (post kind, vote value) -> reasons recorded for (the author, the voter)
_REASONS = {
    ("question", Vote.UP): (reasons.QUESTION_UPVOTED, reasons.VOTE_CAST),
    ("question", Vote.DOWN): (reasons.QUESTION_DOWNVOTED, reasons.VOTE_CAST),
    ("answer", Vote.UP): (reasons.ANSWER_UPVOTED, reasons.VOTE_CAST),
    ("answer", Vote.DOWN): (reasons.ANSWER_DOWNVOTED, reasons.DOWNVOTE_CAST),
}


def _kind(post) -> str:
    return "question" if isinstance(post, Question) else "answer"


@atomic_with_retry
def cast_vote(*, user, post: Question | Answer, value: int) -> Vote | None:
    """Vote `value` (+1/-1) on `post`; the same value again retracts the vote, the other
    value changes it. Returns the vote now standing, or None after a retraction.

    Raises PermissionDenied for your own post, without VOTE_UP/VOTE_DOWN, or when suspended.
    Reputation: the old vote's events are reverted and the new vote's recorded, all in this
    transaction, so the ledger always matches the Vote rows."""
    if value not in (Vote.UP, Vote.DOWN):
        raise ValidationError(_("A vote is up or down."))
    require_active_member(user)
    if post.author_id == user.pk:
        raise PermissionDenied(_("You can't vote on your own post."))
    require_privilege(user, privileges.VOTE_UP if value == Vote.UP else privileges.VOTE_DOWN)
    require_visible(post, user=user)
    rates.check_rate(user, rates.VOTE)
    lock_thread(post.pk if isinstance(post, Question) else post.question_id)
    kind = _kind(post)
    lookup = {"user": user, kind: post}
    existing = Vote.objects.select_for_update().filter(**lookup).first()
    if existing is not None:
        _undo(existing, post=post, kind=kind)
        if existing.value == value:
            existing.delete()
            _refresh_score(post)
            return None
        existing.value = value
        existing.save(update_fields=["value"])
        vote = existing
    else:
        try:
            with transaction.atomic():
                vote = Vote.objects.create(value=value, **lookup)
        except IntegrityError as exc:
            # A concurrent request from the same member won; theirs stands.
            raise ValidationError(_("You already voted on this post.")) from exc
    type(post).objects.filter(pk=post.pk).update(score=F("score") + value)
    _record(vote, post=post, kind=kind)
    return vote


def _refresh_score(post) -> None:
    post.score = type(post).objects.values_list("score", flat=True).get(pk=post.pk)


def _key(vote: Vote, kind: str) -> str:
    post_id = vote.question_id if kind == "question" else vote.answer_id
    return source_key("vote", kind, post_id, vote.user_id, "up" if vote.value > 0 else "down")


def _undo(vote: Vote, *, post, kind: str) -> None:
    type(post).objects.filter(pk=post.pk).update(score=F("score") - vote.value)
    gamification.revert(source_key=_key(vote, kind), by=vote.user, why="vote changed")


def _record(vote: Vote, *, post, kind: str) -> None:
    author_reason, voter_reason = _REASONS[(kind, vote.value)]
    question = post if kind == "question" else post.question
    _refresh_score(post)
    facts = question_facts(question) | {"post": f"{kind}:{post.pk}", "score": post.score}
    key = _key(vote, kind)
    gamification.record(
        user=post.author, reason=author_reason, source_key=key, actor=vote.user, facts=facts
    )
    gamification.record(
        user=vote.user, reason=voter_reason, source_key=key, actor=vote.user, facts=facts
    )


@atomic_with_retry
def accept_answer(*, answer: Answer, by) -> Answer:
    """The asker marks `answer` as the one that solved it (again: un-accept). Accepting another
    answer moves the mark; the previous answer's reputation is reverted. The question becomes
    "answered" while an answer is accepted."""
    require_active_member(by)
    question = lock_thread(answer.question_id)
    if question.author_id != by.pk:
        raise PermissionDenied(_("Only the member who asked the question can accept an answer."))
    require_visible(answer, user=by)
    if question.is_locked:
        raise ValidationError(_("This question is locked: it can't be changed or answered."))
    previous = Answer.objects.filter(question=question, is_accepted=True).first()
    if previous is not None:
        Answer.objects.filter(pk=previous.pk).update(is_accepted=False)
        gamification.revert(source_key=source_key("accept", previous.pk), by=by, why="unaccepted")
    if previous is not None and previous.pk == answer.pk:
        answer.is_accepted = False
        _set_answered(question, False)
        return answer
    Answer.objects.filter(pk=answer.pk).update(is_accepted=True)
    answer.is_accepted = True
    _set_answered(question, True)
    facts = question_facts(question) | {"post": f"answer:{answer.pk}", "score": answer.score}
    key = source_key("accept", answer.pk)
    gamification.record(
        user=answer.author, reason=reasons.ANSWER_ACCEPTED, source_key=key, actor=by, facts=facts
    )
    # The asker's +2 is for accepting someone else's answer: the answerer is the other actor.
    gamification.record(
        user=by, reason=reasons.ACCEPTED_ASKER, source_key=key, actor=answer.author, facts=facts
    )
    notifications.notify(
        recipient=answer.author,
        kind=Notification.Kind.ACCEPTED,
        actor=by,
        text=question.title,
        url=answer.get_absolute_url(),
    )
    return answer


def _set_answered(question: Question, answered: bool) -> None:
    questions_changed.send(sender=Question, question_ids=[question.pk])
    if question.is_closed:
        return
    status = Question.Status.ANSWERED if answered else Question.Status.OPEN
    Question.objects.filter(pk=question.pk).update(status=status, last_activity_at=timezone.now())


@atomic_with_retry
def verify_answer(*, answer: Answer, by, verified: bool = True) -> Answer:
    """A moderator or staff member marks `answer` "verified by customer service" (one per
    question; verifying another moves it) or removes the mark. Logged in the audit log."""
    require_verifier(by)
    lock_thread(answer.question_id)
    current = (
        Answer.objects.select_for_update()
        .filter(question_id=answer.question_id, is_verified=True)
        .first()
    )
    if current is not None:
        Answer.objects.filter(pk=current.pk).update(is_verified=False, verified_by=None)
        gamification.revert(source_key=source_key("verify", current.pk), by=by, why="unverified")
    answer.is_verified, answer.verified_by = verified, by if verified else None
    questions_changed.send(sender=Question, question_ids=[answer.question_id])
    if verified:
        Answer.objects.filter(pk=answer.pk).update(is_verified=True, verified_by=by)
        question = answer.question
        gamification.record(
            user=answer.author,
            reason=reasons.ANSWER_VERIFIED,
            source_key=source_key("verify", answer.pk),
            actor=by,
            facts=question_facts(question) | {"post": f"answer:{answer.pk}", "score": answer.score},
        )
        notifications.notify_many(
            recipients=[answer.author, question.author],
            kind=Notification.Kind.VERIFIED,
            actor=by,
            text=question.title,
            url=answer.get_absolute_url(),
        )
    note_verification(answer=answer, by=by, verified=verified)
    log_action(
        by=by,
        action="verify" if verified else "unverify",
        answer=answer,
        question=answer.question,
        reason="",
    )
    return answer
