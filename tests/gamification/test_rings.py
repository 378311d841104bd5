"""Voting rings of any size are found by the daily job and their reputation reversed through
the ledger with a reason; members who merely like the same answerer are left alone."""

import datetime as dt

import pytest
from django.utils import timezone

from gamification import abuse, rules, services
from gamification.models import AbuseReport, ReputationEvent
from tests.factories import UserFactory

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


def upvotes(author, voter, n, *, hours_ago=1):
    at = timezone.now() - dt.timedelta(hours=hours_ago)
    for i in range(n):
        services.record(
            user=author,
            reason=rules.ANSWER_UPVOTED,
            source_key=f"ring:{voter.pk}:{author.pk}:{i}",
            actor=voter,
            at=at + dt.timedelta(seconds=i),
        )


class TestRingsOfThreeOrMore:
    def test_three_accounts_voting_round_in_a_circle_are_reversed(self):
        a, b, c = UserFactory(), UserFactory(), UserFactory()
        upvotes(b, a, 3)
        upvotes(c, b, 3)
        upvotes(a, c, 4)
        reports = abuse.detect_serial_voting()
        pairs = {(r.voter_id, r.target_id) for r in reports}
        assert pairs == {(a.pk, b.pk), (b.pk, c.pk), (c.pk, a.pk)}
        assert {r.kind for r in reports} == {AbuseReport.Kind.VOTING_RING}
        for member in (a, b, c):
            assert assert_consistent(member) == 1
        reverted = ReputationEvent.objects.filter(reverted_at__isnull=False)
        assert reverted.count() == 10
        assert all(e.revert_reason.startswith("Voting ring of 3 members") for e in reverted)

    def test_a_ring_of_four_is_reversed_but_an_honest_vote_for_a_ring_member_stays(self):
        ring = [UserFactory() for _ in range(4)]
        for voter, target in zip(ring, ring[1:] + ring[:1], strict=True):
            upvotes(target, voter, 3)
        outsider = UserFactory()
        upvotes(ring[0], outsider, 3)
        reports = abuse.detect_serial_voting()
        assert len(reports) == 4
        assert outsider not in {r.voter for r in reports}
        assert assert_consistent(ring[0]) == 31

    def test_the_second_run_finds_nothing_new(self):
        a, b, c = UserFactory(), UserFactory(), UserFactory()
        upvotes(b, a, 3)
        upvotes(c, b, 3)
        upvotes(a, c, 3)
        abuse.detect_serial_voting()
        assert abuse.detect_serial_voting() == []
        assert AbuseReport.objects.count() == 3


class TestNotRings:
    def test_three_members_voting_for_one_popular_answerer_are_not_a_ring(self):
        popular = UserFactory()
        fans = [UserFactory() for _ in range(3)]
        for fan in fans:
            upvotes(popular, fan, 4)
        assert abuse.detect_serial_voting() == []
        assert assert_consistent(popular) == 121

    def test_a_chain_that_does_not_close_is_not_a_ring(self):
        a, b, c = UserFactory(), UserFactory(), UserFactory()
        upvotes(b, a, 3)
        upvotes(c, b, 3)
        assert abuse.detect_serial_voting() == []

    def test_a_circle_with_one_weak_link_is_not_a_ring(self):
        a, b, c = UserFactory(), UserFactory(), UserFactory()
        upvotes(b, a, 3)
        upvotes(c, b, 3)
        upvotes(a, c, 2)
        assert abuse.detect_serial_voting() == []

    def test_a_circle_outside_the_window_is_not_a_ring(self):
        a, b, c = UserFactory(), UserFactory(), UserFactory()
        upvotes(b, a, 3)
        upvotes(c, b, 3)
        upvotes(a, c, 3, hours_ago=30)
        assert abuse.detect_serial_voting() == []


class TestVotingRingsGraph:
    def test_finds_every_component_of_two_or_more(self):
        arrows = {(1, 2): 3, (2, 3): 3, (3, 1): 3, (4, 9): 3, (5, 9): 3, (9, 5): 3, (7, 8): 3}
        assert abuse.voting_rings(arrows) == [(1, 2, 3), (5, 9)]

    def test_a_long_chain_does_not_exhaust_the_stack(self):
        arrows = {(n, n + 1): 3 for n in range(5000)}
        assert abuse.voting_rings(arrows) == []
        arrows[(5000, 0)] = 3
        assert abuse.voting_rings(arrows) == [tuple(range(5001))]
