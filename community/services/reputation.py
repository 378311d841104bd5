"""Keeping the reputation ledger true when posts move or lose their marks.

Community owns what a post is worth; gamification owns the ledger. When a merge moves an
answer to another question, or an accepted or verified answer disappears, these functions
reverse the ledger events that no longer hold and record again, with the new question's facts
and at their original time, those that still do. Only `gamification.services.revert` and
`record` write, so `manage.py verify_reputation` stays clean. Run in the caller's
transaction."""

from django.db.models import Q

from gamification import services as gamification
from gamification.models import ReputationEvent

from ..models import Answer, Question
from ._common import source_key

# Marks that belong to the question an answer was on; they do not travel with it.
_MARK_KINDS = ("accept", "verify")


def _answer_keys(answer: Answer) -> Q:
    exact = [source_key("answer", answer.pk)]
    exact += [source_key(kind, answer.pk) for kind in _MARK_KINDS]
    exact += [source_key("revision", pk) for pk in answer.revisions.values_list("pk", flat=True)]
    exact += [
        source_key("suggested-edit", pk)
        for pk in answer.suggested_edits.values_list("pk", flat=True)
    ]
    votes = source_key("vote", "answer", answer.pk) + ":"
    return Q(source_key__in=exact) | Q(source_key__startswith=votes)


def restate_moved_answer(*, answer: Answer, to: Question, by, why: str) -> None:
    """`answer` now belongs to `to`: its accepted and verified points are reversed (those
    marks stay behind), and every other live event about it (posting, votes for and by its
    voters, edits) is reversed and recorded again with `to`'s tags, product and id, so
    tag and product leaderboards follow the answer. Totals end where they were, minus the
    marks."""
    from .posts import question_facts

    events = list(
        ReputationEvent.objects.live()
        .filter(_answer_keys(answer))
        .select_related("user", "actor")
        .order_by("created_at", "id")
    )
    if not events:
        return
    marks = {source_key(kind, answer.pk) for kind in _MARK_KINDS}
    for key in sorted({e.source_key for e in events}):
        gamification.revert(source_key=key, by=by, why=why)
    new_facts = question_facts(to)
    for event in events:
        if event.source_key in marks:
            continue
        facts = dict(event.facts) | {
            k: new_facts[k] for k in ("question", "tags", "product", "language")
        }
        gamification.record(
            user=event.user,
            reason=event.reason,
            source_key=event.source_key,
            actor=event.actor,
            facts=facts,
            at=event.created_at,
        )


def drop_acceptance(*, answer: Answer, by, why: str) -> bool:
    """`answer` is no longer visible: if it was accepted, the mark goes, the acceptance
    points (answerer's and asker's) are reversed and the question is no longer answered.
    Returns whether anything changed."""
    if not answer.is_accepted:
        return False
    Answer.objects.filter(pk=answer.pk).update(is_accepted=False)
    answer.is_accepted = False
    gamification.revert(source_key=source_key("accept", answer.pk), by=by, why=why)
    Question.objects.filter(pk=answer.question_id, status=Question.Status.ANSWERED).update(
        status=Question.Status.OPEN
    )
    return True


def drop_verification(*, answer: Answer, by, why: str) -> bool:
    """`answer` is no longer visible: if it was verified, the mark goes, its verification
    points are reversed and the freshness history records the un-verification. Undeleting
    does not bring the mark back; a moderator verifies again. Returns whether anything
    changed."""
    from .freshness import note_verification

    if not answer.is_verified:
        return False
    Answer.objects.filter(pk=answer.pk).update(is_verified=False, verified_by=None)
    answer.is_verified, answer.verified_by = False, None
    gamification.revert(source_key=source_key("verify", answer.pk), by=by, why=why)
    note_verification(answer=answer, by=by, verified=False)
    return True
