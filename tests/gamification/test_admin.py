"""Wagtail back office: staff inspect the ledger and voting reports, grant or revert points
with a reason, and define rewards with a pool of codes."""

import pytest

from gamification import rules, services
from gamification.models import AbuseReport, ReputationEvent, Reward
from tests.factories import UserFactory

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_ledger_and_reports_are_listed_for_staff(staff_client, author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:77", actor=voter)
    AbuseReport.objects.create(kind="serial", voter=voter, target=author, votes=6)
    ledger = staff_client.get("/admin/gamification/ledger/")
    assert ledger.status_code == 200 and "vote:77" in ledger.content.decode()
    event = ReputationEvent.objects.get()
    assert staff_client.get(f"/admin/gamification/ledger/inspect/{event.pk}/").status_code == 200
    assert staff_client.get("/admin/gamification/voting-reports/").status_code == 200


def test_the_ledger_cannot_be_edited_from_the_generic_screens(staff_client, author, voter):
    event = services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter
    )
    assert staff_client.get(f"/admin/gamification/ledger/edit/{event.pk}/").status_code in (
        302,
        403,
    )
    assert staff_client.get("/admin/gamification/ledger/add/").status_code in (302, 403)


def test_staff_take_points_with_a_reason_at_once(staff_client, author):
    services.grant_points(user=author, points=30, by=UserFactory(is_staff=True), why="start")
    response = staff_client.post(
        "/admin/gamification/adjust/",
        {
            "grant": "1",
            "grant-username": author.username,
            "grant-points": "-5",
            "grant-why": "Oops",
        },
    )
    assert response.status_code == 302
    assert assert_consistent(author) == 26
    assert ReputationEvent.objects.filter(note="Oops").get().points == -5


def test_staff_revert_an_event_with_a_reason(staff_client, author, voter):
    event = services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter
    )
    staff_client.post(
        "/admin/gamification/adjust/",
        {"revert": "1", "revert-event": str(event.pk), "revert-why": "sock puppet"},
    )
    event.refresh_from_db()
    assert event.is_reverted and event.revert_reason == "sock puppet"
    assert assert_consistent(author) == 1


def test_members_cannot_adjust_points(client, author):
    client.force_login(author)
    assert client.get("/admin/gamification/adjust/").status_code in (302, 403)


def test_rewards_are_defined_as_snippets_with_codes(staff_client):
    response = staff_client.post(
        "/admin/snippets/gamification/reward/add/",
        {
            "name": "10% korting",
            "description": "Gebruik de code bij het afrekenen.",
            "kind": "threshold",
            "threshold": "1000",
            "active": "on",
            "codes-TOTAL_FORMS": "2",
            "codes-INITIAL_FORMS": "0",
            "codes-MIN_NUM_FORMS": "0",
            "codes-MAX_NUM_FORMS": "1000",
            "codes-0-code": "KORTING-A",
            "codes-0-id": "",
            "codes-0-ORDER": "1",
            "codes-0-DELETE": "",
            "codes-1-code": "KORTING-B",
            "codes-1-id": "",
            "codes-1-ORDER": "2",
            "codes-1-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reward = Reward.objects.get()
    assert sorted(reward.codes.values_list("code", flat=True)) == ["KORTING-A", "KORTING-B"]


def test_staff_mark_a_voting_report_reviewed(staff_client, author, voter):
    report = AbuseReport.objects.create(kind="serial", voter=voter, target=author, votes=6)
    page = staff_client.get("/admin/gamification/adjust/").content.decode()
    assert "1 stemrapport wacht op beoordeling." in page
    staff_client.post("/admin/gamification/adjust/", {"review": "1", "review-report": report.pk})
    report.refresh_from_db()
    assert report.reviewed_at is not None and report.reviewed_by is not None
