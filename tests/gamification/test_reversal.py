"""Retracting or changing a vote, un-accepting, deleting a post, suspending a spammer: each
reverses exactly the events it caused."""

import pytest

from gamification import rules, services
from gamification.models import ReputationEvent
from tests.factories import UserFactory

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


def test_retracting_a_vote_reverses_it(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    assert services.revert(source_key="vote:1", by=voter, why="retracted") == 1
    event = ReputationEvent.objects.get()
    assert event.is_reverted and event.reverted_by == voter and event.revert_reason == "retracted"
    assert assert_consistent(author) == 1


def test_changing_an_up_vote_into_a_down_vote(author, voter):
    services.grant_points(user=voter, points=200, by=UserFactory(is_staff=True), why="start")
    services.grant_points(user=author, points=10, by=UserFactory(is_staff=True), why="start")
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    services.revert(source_key="vote:1", reason=rules.ANSWER_UPVOTED, why="changed")
    services.record(user=author, reason=rules.ANSWER_DOWNVOTED, source_key="vote:1", actor=voter)
    services.record(user=voter, reason=rules.DOWNVOTE_CAST, source_key="vote:1", actor=voter)
    assert assert_consistent(author) == 11 - 2
    assert assert_consistent(voter) == 200


def test_a_reverted_vote_can_be_cast_again(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    services.revert(source_key="vote:1")
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    assert assert_consistent(author) == 11


def test_un_accepting_reverses_both_answerer_and_asker(author, voter):
    services.record(user=author, reason=rules.ANSWER_ACCEPTED, source_key="accept:9", actor=voter)
    services.record(user=voter, reason=rules.ACCEPTED_ASKER, source_key="accept:9", actor=author)
    assert services.revert(source_key="accept:9", why="un-accepted") == 2
    assert assert_consistent(author) == 1
    assert assert_consistent(voter) == 1


def test_reverting_only_one_reason_leaves_the_others(author, voter):
    services.record(user=author, reason=rules.ANSWER_ACCEPTED, source_key="answer:9", actor=voter)
    services.record(user=author, reason=rules.ANSWER_VERIFIED, source_key="answer:9", actor=voter)
    services.revert(source_key="answer:9", reason=rules.ANSWER_VERIFIED)
    assert assert_consistent(author) == 16


def test_deleting_a_post_reverses_every_event_it_caused(author, voter, make_user):
    # Community records the votes on a post under keys it can list, e.g. "answer:7:vote:<id>"
    # and reverts each; a post-level key reverses events recorded with it.
    for n, other in enumerate(make_user.create_batch(3)):
        services.record(
            user=author, reason=rules.ANSWER_UPVOTED, source_key=f"answer:7:vote:{n}", actor=other
        )
        services.revert(source_key=f"answer:7:vote:{n}", why="post deleted")
    assert assert_consistent(author) == 1


def test_a_penalty_clipped_at_one_is_recomputed_when_the_points_it_hid_go(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    flag = services.record(user=author, reason=rules.FLAG_UPHELD, source_key="flag:1")
    assert flag.points == -10
    services.revert(source_key="vote:1")
    flag.refresh_from_db()
    assert flag.points == 0
    assert assert_consistent(author) == 1
    services.revert(source_key="flag:1", why="flag overturned")
    assert assert_consistent(author) == 1


def test_suspending_a_spammer_reverses_what_they_caused(author, make_user):
    spammer, bystander = make_user(), make_user()
    for n in range(3):
        services.record(
            user=author, reason=rules.ANSWER_UPVOTED, source_key=f"vote:{n}", actor=spammer
        )
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:9", actor=bystander)
    services.record(user=spammer, reason=rules.QUESTION_ASKED, source_key="q:1", actor=spammer)
    staff = make_user(is_staff=True)
    assert services.revert_user_activity(user=spammer, by=staff, why="spam ring") == 3
    assert assert_consistent(author) == 11
    assert ReputationEvent.objects.live().filter(user=spammer).count() == 1


def test_reverting_nothing_returns_zero(author):
    assert services.revert(source_key="vote:404") == 0


def test_only_staff_grant_or_revert_by_hand(author, voter):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.grant_points(user=author, points=10, by=voter, why="friend")
    event = services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter
    )
    with pytest.raises(PermissionDenied):
        services.revert_event(event_id=event.pk, by=voter, why="no")


def test_staff_revert_one_event_with_a_reason(author, voter, make_user):
    staff = make_user(is_staff=True)
    event = services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter
    )
    assert services.revert_event(event_id=event.pk, by=staff, why="sock puppet") == 1
    assert assert_consistent(author) == 1
