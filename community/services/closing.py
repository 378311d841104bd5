"""Votes to close and reopen questions. Members with VOTE_CLOSE vote; enough votes in one
round (settings.COMMUNITY_CLOSE_VOTES, 3 by default) close or reopen the question, and a
moderator's vote decides at once. Every vote and every outcome is in the audit log."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gamification import privileges

from ..models import CloseVote, Question, User
from ..roles import is_moderator
from ..signals import questions_changed
from ._common import lock_thread, require_active_member, require_privilege, require_visible
from .moderation import _tell_author, log_action, start_new_round

DEFAULT_VOTES_NEEDED = 3


def votes_needed() -> int:
    return max(1, int(getattr(settings, "COMMUNITY_CLOSE_VOTES", DEFAULT_VOTES_NEEDED)))


@transaction.atomic
def vote_to_close(
    *, question: Question, by: User, reason: str, duplicate_of: Question | None = None
) -> CloseVote:
    """Vote to close `question` as a duplicate (of `duplicate_of`) or off-topic. Needs
    VOTE_CLOSE; one vote per member per round. The vote that reaches `votes_needed()`, or
    any moderator's vote, closes the question with the reason most voters chose (and the
    duplicate target most duplicate voters named). Takes the thread's lock, so two last
    votes arriving together close the question once."""
    require_active_member(by)
    require_privilege(by, privileges.VOTE_CLOSE)
    question = lock_thread(question.pk)
    require_visible(question, user=by)
    if question.is_closed:
        raise ValidationError(_("This question is already closed."))
    if reason not in CloseVote.Reason.values:
        raise ValidationError({"reason": _("Choose why the question should be closed.")})
    if reason == CloseVote.Reason.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == question.pk:
            raise ValidationError({"duplicate_of": _("Link the question this one duplicates.")})
        if duplicate_of.duplicate_of_id == question.pk:
            raise ValidationError(_("A question can't be a duplicate of itself."))
    else:
        duplicate_of = None
    vote = _save_vote(question, by=by, kind=CloseVote.Kind.CLOSE, reason=reason,
                      duplicate_of=duplicate_of)
    log_action(by=by, action="close vote", question=question, reason=reason)
    votes = list(_round_votes(question, CloseVote.Kind.CLOSE))
    if is_moderator(by) or len(votes) >= votes_needed():
        _close_by_votes(question, votes, by=by)
    return vote


@transaction.atomic
def vote_to_reopen(*, question: Question, by: User) -> CloseVote:
    """Vote to reopen a closed question; as `vote_to_close`, `votes_needed()` votes or one
    moderator's vote reopen it."""
    require_active_member(by)
    require_privilege(by, privileges.VOTE_CLOSE)
    question = lock_thread(question.pk)
    require_visible(question, user=by)
    if not question.is_closed:
        raise ValidationError(_("This question is not closed."))
    vote = _save_vote(question, by=by, kind=CloseVote.Kind.REOPEN, reason="", duplicate_of=None)
    log_action(by=by, action="reopen vote", question=question)
    votes = list(_round_votes(question, CloseVote.Kind.REOPEN))
    if is_moderator(by) or len(votes) >= votes_needed():
        answered = question.answers.filter(is_accepted=True).exists()
        question.status = Question.Status.ANSWERED if answered else Question.Status.OPEN
        question.close_reason, question.close_note, question.duplicate_of = "", "", None
        question.save(update_fields=["status", "close_reason", "close_note", "duplicate_of"])
        start_new_round(question)
        log_action(by=by, action="reopen", question=question, reason=_voters_note(votes))
        questions_changed.send(sender=Question, question_ids=[question.pk])
    return vote


def _save_vote(question, *, by, kind, reason, duplicate_of) -> CloseVote:
    vote = CloseVote(question=question, voter=by, kind=kind, reason=reason,
                     duplicate_of=duplicate_of, round=question.close_round)
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as exc:
        raise ValidationError(_("You already voted on closing this question.")) from exc
    return vote


def _round_votes(question: Question, kind: str):
    return (
        CloseVote.objects.filter(question=question, round=question.close_round, kind=kind)
        .select_related("voter", "duplicate_of")
    )


def _close_by_votes(question: Question, votes: list[CloseVote], *, by) -> None:
    reasons = Counter(v.reason for v in votes)
    # A moderator's vote is binding: their reason wins even against earlier votes.
    mine = next((v for v in votes if v.voter_id == by.pk), None)
    reason = mine.reason if is_moderator(by) else reasons.most_common(1)[0][0]
    question.status, question.close_reason = Question.Status.CLOSED, reason
    question.close_note = _voters_note(votes)
    question.duplicate_of = None
    if reason == CloseVote.Reason.DUPLICATE:
        targets = Counter(v.duplicate_of for v in votes if v.duplicate_of_id)
        question.duplicate_of = (
            mine.duplicate_of if is_moderator(by) else targets.most_common(1)[0][0]
        )
    question.save(update_fields=["status", "close_reason", "close_note", "duplicate_of"])
    start_new_round(question)
    log_action(by=by, action="close", question=question, reason=f"{reason}: {question.close_note}")
    questions_changed.send(sender=Question, question_ids=[question.pk])
    _tell_author(question, by=by)


def _voters_note(votes: list[CloseVote]) -> str:
    names = ", ".join(v.voter.public_name for v in votes)
    return (_("Voted by %(names)s.") % {"names": names})[:300]
