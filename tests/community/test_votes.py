"""community.services.cast_vote / accept_answer / verify_answer and their reputation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import services
from community.models import Vote
from gamification import rules
from gamification.models import ReputationEvent
from gamification.selectors import reputation_of
from tests.factories import UserFactory

from .factories import answer, ask, member_with, moderator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def live(reason, **kwargs):
    return ReputationEvent.objects.live().filter(reason=reason, **kwargs).count()


class TestCastVote:
    def test_up_vote_raises_score_and_gives_the_author_reputation(self):
        reply = answer(ask())
        voter = member_with(15)
        vote = services.cast_vote(user=voter, post=reply, value=1)
        reply.refresh_from_db()
        assert vote.value == 1 and reply.score == 1
        assert reputation_of(fresh(reply.author)) == 11
        assert live(rules.VOTE_CAST, user=voter) == 1

    def test_author_cannot_vote_on_own_answer(self):
        reply = answer(ask(), author=member_with(200))
        with pytest.raises(PermissionDenied, match="can't vote on your own post"):
            services.cast_vote(user=reply.author, post=reply, value=1)

    def test_voting_up_needs_fifteen_reputation(self):
        question = ask()
        with pytest.raises(PermissionDenied, match="15 reputation to vote up"):
            services.cast_vote(user=UserFactory(), post=question, value=1)

    def test_voting_down_needs_125_reputation(self):
        question = ask()
        with pytest.raises(PermissionDenied, match="125 reputation to vote down"):
            services.cast_vote(user=member_with(124), post=question, value=-1)

    def test_voting_twice_the_same_way_retracts_and_reverts_reputation(self):
        question = ask()
        voter = member_with(15)
        services.cast_vote(user=voter, post=question, value=1)
        assert services.cast_vote(user=voter, post=question, value=1) is None
        question.refresh_from_db()
        assert question.score == 0 and not Vote.objects.exists()
        assert reputation_of(fresh(question.author)) == 1
        assert live(rules.QUESTION_UPVOTED) == 0

    def test_changing_a_vote_moves_the_score_by_two_and_swaps_the_events(self):
        reply = answer(ask(), author=member_with(100))
        voter = member_with(125)
        services.cast_vote(user=voter, post=reply, value=1)
        services.cast_vote(user=voter, post=reply, value=-1)
        reply.refresh_from_db()
        assert reply.score == -1 and Vote.objects.get().value == -1
        assert live(rules.ANSWER_UPVOTED) == 0
        assert live(rules.ANSWER_DOWNVOTED, user=reply.author) == 1
        assert live(rules.DOWNVOTE_CAST, user=voter) == 1
        assert reputation_of(fresh(reply.author)) == 98
        assert reputation_of(fresh(voter)) == 124

    def test_a_second_vote_row_is_impossible(self):
        from django.db import IntegrityError, transaction

        question = ask()
        voter = member_with(15)
        services.cast_vote(user=voter, post=question, value=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(user=voter, question=question, value=1)

    def test_suspended_member_cannot_vote(self):
        from datetime import timedelta

        from django.utils import timezone

        voter = member_with(15)
        voter.suspended_until = timezone.now() + timedelta(days=1)
        voter.save()
        with pytest.raises(PermissionDenied, match="suspended"):
            services.cast_vote(user=voter, post=ask(), value=1)

    def test_invalid_value_is_refused(self):
        with pytest.raises(ValidationError):
            services.cast_vote(user=member_with(15), post=ask(), value=5)


class TestAcceptAnswer:
    def test_asker_accepts_and_both_earn_reputation(self):
        question = ask()
        reply = answer(question)
        services.accept_answer(answer=reply, by=question.author)
        reply.refresh_from_db()
        question.refresh_from_db()
        assert reply.is_accepted and question.status == "answered"
        assert reputation_of(fresh(reply.author)) == 16
        assert reputation_of(fresh(question.author)) == 3
        assert reply.author.notifications.filter(kind="accepted").exists()

    def test_accepting_on_someone_elses_question_is_refused(self):
        reply = answer(ask())
        with pytest.raises(PermissionDenied, match="Only the member who asked"):
            services.accept_answer(answer=reply, by=UserFactory())

    def test_accepting_another_answer_moves_the_mark_and_the_reputation(self):
        question = ask()
        first, second = answer(question), answer(question)
        services.accept_answer(answer=first, by=question.author)
        services.accept_answer(answer=second, by=question.author)
        first.refresh_from_db()
        second.refresh_from_db()
        assert not first.is_accepted and second.is_accepted
        assert reputation_of(fresh(first.author)) == 1
        assert reputation_of(fresh(second.author)) == 16

    def test_accepting_again_unaccepts(self):
        question = ask()
        reply = answer(question)
        services.accept_answer(answer=reply, by=question.author)
        services.accept_answer(answer=reply, by=question.author)
        reply.refresh_from_db()
        question.refresh_from_db()
        assert not reply.is_accepted and question.status == "open"


class TestVerifyAnswer:
    def test_moderator_verifies_one_answer_per_question(self):
        question = ask()
        first, second = answer(question), answer(question)
        mod = moderator()
        services.verify_answer(answer=first, by=mod)
        services.verify_answer(answer=second, by=mod)
        first.refresh_from_db()
        second.refresh_from_db()
        assert not first.is_verified and second.is_verified and second.verified_by == mod
        assert live(rules.ANSWER_VERIFIED) == 1
        assert second.author.notifications.filter(kind="verified").exists()

    def test_shopper_cannot_verify(self):
        reply = answer(ask())
        with pytest.raises(PermissionDenied, match="Only moderators"):
            services.verify_answer(answer=reply, by=member_with(3000))


class TestHiddenPosts:
    def test_nobody_votes_on_a_deleted_answer(self):
        reply = answer(ask())
        services.delete_post(post=reply, by=moderator(), why="spam")
        with pytest.raises(ValidationError, match="not available"):
            services.cast_vote(user=member_with(15), post=reply, value=1)

    def test_nobody_answers_a_question_waiting_for_approval(self, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
        question = ask()
        with pytest.raises(ValidationError, match="not available"):
            answer(question, author=member_with(200))
