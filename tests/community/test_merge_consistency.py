"""Reputation stays true when answers move or lose their marks: a merge restates the moved
answers' ledger events for their new question, and hiding the accepted or verified answer takes
the acceptance or verification points back. `verify_reputation --check` is clean afterwards."""

import pytest
from django.core.management import call_command

from community import services
from community.models import Answer, FreshnessCheck, Question
from gamification import rules
from gamification.models import ReputationEvent
from gamification.selectors import leaderboard, reputation_of
from tests.factories import UserFactory

from .factories import answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db


def total(user):
    user.__dict__.pop("_gamification_reputation", None)
    return reputation_of(user)


def ledger_is_clean():
    call_command("verify_reputation", "--check")  # SystemExit(1) when anything is off


class TestMerge:
    def setup_answered_duplicate(self):
        original = ask(title="Hoe lang duurt de bezorging?", tags=["bezorging"])
        duplicate = ask(title="Waar blijft mijn pakket?", tags=["levering"])
        reply = answer(duplicate)
        services.cast_vote(user=member_with(15), post=reply, value=1)
        services.cast_vote(user=member_with(15), post=reply, value=1)
        services.accept_answer(answer=reply, by=duplicate.author)
        return original, duplicate, reply

    def test_merge_moves_answers_keeps_vote_points_and_reverts_the_acceptance(self):
        original, duplicate, reply = self.setup_answered_duplicate()
        asker = duplicate.author
        assert total(reply.author) == 1 + 10 + 10 + 15
        services.mark_duplicate(
            question=duplicate, original=original, by=moderator(), merge_answers=True
        )
        reply.refresh_from_db()
        assert reply.question == original and not reply.is_accepted
        assert total(reply.author) == 1 + 10 + 10
        assert total(asker) == 1  # the asker's +2 for accepting went with the mark
        assert Question.objects.get(pk=original.pk).answer_count == 1
        assert Question.objects.get(pk=duplicate.pk).answer_count == 0
        ledger_is_clean()

    def test_restated_events_carry_the_new_question_and_a_reason(self):
        original, duplicate, reply = self.setup_answered_duplicate()
        services.mark_duplicate(
            question=duplicate, original=original, by=moderator(), merge_answers=True
        )
        live = ReputationEvent.objects.live().filter(
            user=reply.author, reason=rules.ANSWER_UPVOTED
        )
        assert live.count() == 2
        assert {e.facts["question"] for e in live} == {original.pk}
        assert {e.tags for e in live} == {"|bezorging|"}
        reverted = ReputationEvent.objects.filter(reverted_at__isnull=False, user=reply.author)
        assert reverted.count() >= 3
        assert all(e.revert_reason == f"merged into question #{original.pk}" for e in reverted)
        # Tag leaderboards follow the answer to its new question.
        assert [row.user_id for row in leaderboard(period="all", tag="bezorging")] == [
            reply.author_id
        ]
        ledger_is_clean()

    def test_a_vote_retracted_after_the_merge_is_reverted_once(self):
        original, duplicate, reply = self.setup_answered_duplicate()
        voter = member_with(15)
        services.cast_vote(user=voter, post=reply, value=1)
        services.mark_duplicate(
            question=duplicate, original=original, by=moderator(), merge_answers=True
        )
        before = total(reply.author)
        services.cast_vote(user=voter, post=Answer.objects.get(pk=reply.pk), value=1)  # retract
        assert total(reply.author) == before - 10
        ledger_is_clean()

    def test_merging_without_answers_changes_no_reputation(self):
        original, duplicate = ask(title="Hoe lang duurt de bezorging?"), ask()
        services.mark_duplicate(question=duplicate, original=original, by=moderator())
        assert not ReputationEvent.objects.filter(reverted_at__isnull=False).exists()
        ledger_is_clean()


class TestHidingTheAcceptedAnswer:
    def accepted(self):
        question = ask()
        reply = answer(question, author=UserFactory())
        services.accept_answer(answer=reply, by=question.author)
        assert Question.objects.get(pk=question.pk).status == Question.Status.ANSWERED
        return question, reply

    def test_deleting_it_makes_the_question_unanswered_and_reverts_the_points(self):
        question, reply = self.accepted()
        assert total(reply.author) == 16 and total(question.author) == 3
        services.delete_post(post=reply, by=reply.author)
        question.refresh_from_db()
        reply.refresh_from_db()
        assert question.status == Question.Status.OPEN and not reply.is_accepted
        assert question in Question.objects.unanswered()
        assert total(reply.author) == 1 and total(question.author) == 1
        ledger_is_clean()

    def test_a_moderator_hiding_it_after_flags_does_the_same(self):
        question, reply = self.accepted()
        services.raise_flag(post=reply, by=member_with(15), reason="spam")
        services.decide_flags(post=reply, by=moderator(), decision="hide")
        question.refresh_from_db()
        assert question.status == Question.Status.OPEN
        assert not ReputationEvent.objects.live().filter(reason=rules.ANSWER_ACCEPTED).exists()
        ledger_is_clean()

    def test_undeleting_does_not_bring_the_mark_back_but_the_asker_may_accept_again(self):
        question, reply = self.accepted()
        mod = moderator()
        services.delete_post(post=reply, by=mod)
        services.undelete_post(post=Answer.objects.get(pk=reply.pk), by=mod)
        services.accept_answer(answer=Answer.objects.get(pk=reply.pk), by=question.author)
        assert total(reply.author) == 16
        ledger_is_clean()


class TestHidingTheVerifiedAnswer:
    def verified(self):
        question = ask()
        reply = answer(question, author=UserFactory())
        services.verify_answer(answer=reply, by=moderator())
        assert total(reply.author) == 1 + 15
        return question, reply

    def test_deleting_it_removes_the_mark_and_reverts_the_points(self):
        question, reply = self.verified()
        services.delete_post(post=reply, by=reply.author)
        reply.refresh_from_db()
        assert not reply.is_verified and reply.verified_by is None
        assert total(reply.author) == 1
        assert not ReputationEvent.objects.live().filter(reason=rules.ANSWER_VERIFIED).exists()
        reverted = ReputationEvent.objects.get(reason=rules.ANSWER_VERIFIED)
        assert reverted.revert_reason == "answer deleted"
        assert FreshnessCheck.objects.filter(
            answer=reply, action=FreshnessCheck.Action.UNVERIFIED, by=reply.author
        ).exists()
        ledger_is_clean()

    def test_a_moderator_hiding_it_after_flags_does_the_same(self):
        question, reply = self.verified()
        services.raise_flag(post=reply, by=member_with(15), reason="spam")
        services.decide_flags(post=reply, by=moderator(), decision="hide")
        reply.refresh_from_db()
        assert not reply.is_verified
        assert total(reply.author) == 1  # the spam penalty is clipped at 1
        assert not ReputationEvent.objects.live().filter(reason=rules.ANSWER_VERIFIED).exists()
        ledger_is_clean()

    def test_trusted_flags_taking_it_off_the_page_unverify_it_too(self, settings):
        settings.COMMUNITY_FLAGS_TO_HIDE = 2
        question, reply = self.verified()
        for _ in range(2):
            services.raise_flag(post=reply, by=member_with(1000), reason="rude")
        reply.refresh_from_db()
        assert reply.visibility == "pending" and not reply.is_verified
        assert not ReputationEvent.objects.live().filter(reason=rules.ANSWER_VERIFIED).exists()
        ledger_is_clean()

    def test_undeleting_does_not_bring_the_mark_back_but_a_moderator_may_verify_again(self):
        question, reply = self.verified()
        mod = moderator()
        services.delete_post(post=reply, by=mod)
        services.undelete_post(post=Answer.objects.get(pk=reply.pk), by=mod)
        back = Answer.objects.get(pk=reply.pk)
        assert not back.is_verified
        services.verify_answer(answer=back, by=mod)
        assert total(reply.author) == 16
        ledger_is_clean()

    def test_an_answer_both_accepted_and_verified_loses_both(self):
        question, reply = self.verified()
        services.accept_answer(answer=Answer.objects.get(pk=reply.pk), by=question.author)
        services.delete_post(post=Answer.objects.get(pk=reply.pk), by=moderator())
        reply.refresh_from_db()
        assert not reply.is_verified and not reply.is_accepted
        assert total(reply.author) == 1 and total(question.author) == 1
        assert Question.objects.get(pk=question.pk).status == Question.Status.OPEN
        ledger_is_clean()
