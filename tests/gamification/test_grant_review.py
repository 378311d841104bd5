"""No reputation by hand without review: a staff member's grant waits until a second staff
member approves it (four eyes), nobody approves their own, and every step is logged."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gamification import services
from gamification.models import PointGrant, ReputationEvent, Reward, RewardCode
from tests.factories import UserFactory

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db

ADJUST = "/admin/gamification/adjust/"


@pytest.fixture
def asker(db):
    return UserFactory(username="vraagsteller-staf", is_staff=True, is_superuser=True)


@pytest.fixture
def second(db):
    return UserFactory(username="tweede-staf", is_staff=True, is_superuser=True)


@pytest.fixture
def reward(db):
    reward = Reward.objects.create(name="10% korting", kind=Reward.Kind.THRESHOLD, threshold=100)
    RewardCode.objects.create(reward=reward, code="BEDANKT10-001")
    return reward


def ask(client, member, points="150", why="Hielp tijdens de storing"):
    return client.post(
        ADJUST,
        {"grant": "1", "grant-username": member.username, "grant-points": points,
         "grant-why": why},
    )  # fmt: skip


def decide(client, grant, decision, note=""):
    return client.post(
        ADJUST,
        {"decide": "1", "decide-grant": str(grant.pk), "decide-decision": decision,
         "decide-note": note},
    )  # fmt: skip


class TestAskingForAGrant:
    def test_a_grant_from_the_admin_waits_and_pays_out_nothing(self, client, asker, author, reward):
        client.force_login(asker)
        assert ask(client, author).status_code == 302
        grant = PointGrant.objects.get()
        assert (grant.status, grant.points, grant.requested_by) == ("pending", 150, asker)
        assert not ReputationEvent.objects.exists()
        assert assert_consistent(author) == 1
        assert not RewardCode.objects.filter(granted_to=author).exists()

    def test_the_page_lists_the_waiting_grant_without_buttons_for_the_asker(
        self, client, asker, author
    ):
        client.force_login(asker)
        ask(client, author)
        html = client.get(ADJUST).content.decode()
        assert "Hielp tijdens de storing" in html
        assert "Een andere medewerker beslist." in html  # The admin speaks Dutch by default.
        assert 'name="decide-decision" value="approve"' not in html

    def test_members_cannot_ask(self, author, voter):
        with pytest.raises(PermissionDenied):
            services.request_grant(user=author, points=10, by=voter, why="vriend")

    def test_staff_cannot_ask_points_for_themselves(self, asker):
        with pytest.raises(PermissionDenied):
            services.request_grant(user=asker, points=10, by=asker, why="mezelf")

    @pytest.mark.parametrize("points", [0, -1, 10_001])
    def test_points_out_of_range_are_refused(self, asker, author, points):
        with pytest.raises(ValidationError):
            services.request_grant(user=author, points=points, by=asker, why="x")

    def test_a_grant_needs_a_reason(self, asker, author):
        with pytest.raises(ValidationError):
            services.request_grant(user=author, points=10, by=asker, why="  ")


class TestApproving:
    def test_a_second_staff_member_approves_and_the_points_and_reward_follow(
        self, client, asker, second, author, reward, caplog
    ):
        grant = services.request_grant(user=author, points=150, by=asker, why="Storing")
        client.force_login(second)
        with caplog.at_level(logging.INFO, logger="gamification"):
            assert decide(client, grant, "approve").status_code == 302
        grant.refresh_from_db()
        assert (grant.status, grant.decided_by) == ("approved", second)
        assert grant.event.points == 150 and grant.event.note == "Storing"
        assert assert_consistent(author) == 151
        assert RewardCode.objects.get(granted_to=author).code == "BEDANKT10-001"
        assert f"Member {second.pk} approved grant {grant.pk}" in caplog.text

    def test_the_asker_cannot_approve_their_own_grant(self, client, asker, author):
        grant = services.request_grant(user=author, points=150, by=asker, why="Storing")
        with pytest.raises(PermissionDenied):
            services.approve_grant(grant_id=grant.pk, by=asker)
        client.force_login(asker)
        decide(client, grant, "approve")
        grant.refresh_from_db()
        assert grant.status == "pending" and assert_consistent(author) == 1

    def test_the_receiver_cannot_approve_a_grant_to_themselves(self, asker, second):
        grant = services.request_grant(user=second, points=50, by=asker, why="Storing")
        with pytest.raises(PermissionDenied):
            services.approve_grant(grant_id=grant.pk, by=second)

    def test_a_member_cannot_approve(self, asker, author, voter):
        grant = services.request_grant(user=author, points=50, by=asker, why="Storing")
        with pytest.raises(PermissionDenied):
            services.approve_grant(grant_id=grant.pk, by=voter)

    def test_a_grant_is_recorded_once_however_often_it_is_approved(self, asker, second, author):
        grant = services.request_grant(user=author, points=50, by=asker, why="Storing")
        services.approve_grant(grant_id=grant.pk, by=second)
        with pytest.raises(ValidationError):
            services.approve_grant(grant_id=grant.pk, by=UserFactory(is_staff=True))
        assert assert_consistent(author) == 51

    def test_the_database_refuses_a_self_approved_grant(self, asker, author):
        grant = services.request_grant(user=author, points=50, by=asker, why="Storing")
        with pytest.raises(IntegrityError), transaction.atomic():
            PointGrant.objects.filter(pk=grant.pk).update(decided_by=asker)


class TestRejecting:
    def test_a_second_staff_member_rejects_with_a_reason(self, client, asker, second, author):
        grant = services.request_grant(user=author, points=150, by=asker, why="Storing")
        client.force_login(second)
        decide(client, grant, "reject", "Geen bewijs")
        grant.refresh_from_db()
        assert (grant.status, grant.decision_note, grant.event) == ("rejected", "Geen bewijs", None)
        assert assert_consistent(author) == 1
        assert "Geen bewijs" in client.get(ADJUST).content.decode()

    def test_rejecting_needs_a_reason(self, asker, second, author):
        grant = services.request_grant(user=author, points=150, by=asker, why="Storing")
        with pytest.raises(ValidationError):
            services.reject_grant(grant_id=grant.pk, by=second, note="")

    def test_the_asker_cannot_reject_either(self, asker, author):
        grant = services.request_grant(user=author, points=150, by=asker, why="Storing")
        with pytest.raises(PermissionDenied):
            services.reject_grant(grant_id=grant.pk, by=asker, note="toch niet")


class TestTakingPoints:
    def test_taking_points_needs_no_second_person_and_pays_nothing(self, asker, author):
        services.grant_points(user=author, points=30, by=asker, why="start")
        services.take_points(user=author, points=10, by=asker, why="dubbel geteld")
        assert assert_consistent(author) == 21
