"""At most +200 a day from votes; accepts, verifications and deflections are uncapped."""

import datetime as dt

import pytest
from django.utils import timezone

from gamification import rules, services
from gamification.models import ReputationEvent

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(dt.datetime(2026, 11, 2, 12, 0))


def upvote(author, voter, n, at=NOON):
    return services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key=f"vote:{n}", actor=voter, at=at
    )


def test_votes_stop_counting_at_200_a_day(author, voter):
    for n in range(25):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=n))
    assert assert_consistent(author) == 201
    assert [e.points for e in ReputationEvent.objects.filter(user=author).chronological()][
        19:22
    ] == [10, 0, 0]


def test_the_cap_starts_again_the_next_day(author, voter):
    for n in range(21):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=n))
    upvote(author, voter, 99, NOON + dt.timedelta(days=1))
    assert assert_consistent(author) == 211


@pytest.mark.parametrize("reason", [rules.ANSWER_ACCEPTED, rules.ANSWER_VERIFIED, rules.DEFLECTION])
def test_accepts_verifications_and_deflections_are_uncapped(author, voter, reason):
    for n in range(20):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=n))
    services.record(user=author, reason=reason, source_key="other:1", actor=voter, at=NOON)
    assert assert_consistent(author) == 201 + rules.RULES[reason].points


def test_the_cap_is_recomputed_when_an_earlier_vote_is_reverted(author, voter):
    for n in range(22):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=n))
    assert assert_consistent(author) == 201
    services.revert(source_key="vote:3", why="vote retracted")
    # The 21st vote now fits under the cap; the 22nd still does not.
    assert assert_consistent(author) == 201
    points = list(
        ReputationEvent.objects.live()
        .filter(user=author)
        .chronological()
        .values_list("points", flat=True)
    )
    assert points[-2:] == [10, 0]


def test_the_cap_follows_the_setting(author, voter, settings):
    settings.GAMIFICATION = {"DAILY_VOTE_CAP": 30}
    for n in range(5):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=n))
    assert assert_consistent(author) == 31


def test_a_vote_recorded_late_for_an_earlier_time_takes_its_place_under_the_cap(author, voter):
    for n in range(20):
        upvote(author, voter, n, NOON + dt.timedelta(minutes=10 + n))
    upvote(author, voter, 99, NOON)
    events = ReputationEvent.objects.filter(user=author).chronological()
    assert events.first().points == 10
    assert events.last().points == 0
    assert assert_consistent(author) == 201
