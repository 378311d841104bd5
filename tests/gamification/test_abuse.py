"""Serial voting and rings are reversed by the daily job with a reason; same-visitor votes
are flagged."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from gamification import abuse, rules, services
from gamification.models import AbuseReport, ReputationEvent

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


def upvotes(author, voter, n, *, prefix="v", hours_ago=1):
    at = timezone.now() - dt.timedelta(hours=hours_ago)
    for i in range(n):
        services.record(
            user=author,
            reason=rules.ANSWER_UPVOTED,
            source_key=f"{prefix}:{voter.pk}:{i}",
            actor=voter,
            at=at + dt.timedelta(seconds=i),
        )


def test_more_than_five_votes_in_a_day_from_one_voter_are_reversed_with_a_reason(author, voter):
    upvotes(author, voter, 6)
    reports = abuse.detect_serial_voting()
    assert [(r.kind, r.votes, r.reversed_events) for r in reports] == [("serial", 6, 6)]
    assert assert_consistent(author) == 1
    event = ReputationEvent.objects.filter(user=author).first()
    assert event.revert_reason.startswith("Serial voting: 6 votes")


def test_five_votes_are_fine(author, voter):
    upvotes(author, voter, 5)
    assert abuse.detect_serial_voting() == []
    assert assert_consistent(author) == 51


def test_votes_outside_the_window_do_not_count(author, voter):
    upvotes(author, voter, 3, prefix="old", hours_ago=30)
    upvotes(author, voter, 3)
    assert abuse.detect_serial_voting() == []


def test_a_ring_of_two_voting_for_each_other_is_reversed(author, voter):
    upvotes(author, voter, 3)
    upvotes(voter, author, 4)
    reports = abuse.detect_serial_voting()
    assert sorted(r.kind for r in reports) == ["ring", "ring"]
    assert assert_consistent(author) == 1
    assert assert_consistent(voter) == 1


def test_the_daily_job_reports_nothing_new_on_a_second_run(author, voter, capsys):
    upvotes(author, voter, 7)
    call_command("gamification_daily")
    call_command("gamification_daily")
    assert AbuseReport.objects.count() == 1
    assert "1 voting reports" in capsys.readouterr().out


def test_votes_between_accounts_from_the_same_visitor_are_flagged(author, voter):
    services.record(
        user=author,
        reason=rules.QUESTION_ASKED,
        source_key="q:1",
        actor=author,
        facts={"visitor_key": "browser-1"},
    )
    services.record(
        user=author,
        reason=rules.QUESTION_UPVOTED,
        source_key="vote:1",
        actor=voter,
        facts={"visitor_key": "browser-1"},
    )
    report = AbuseReport.objects.get()
    assert (report.kind, report.voter, report.target) == ("same_visitor", voter, author)


def test_votes_from_different_visitors_are_not_flagged(author, voter):
    services.record(
        user=author, reason=rules.QUESTION_ASKED, source_key="q:1", actor=author,
        facts={"visitor_key": "browser-1"},
    )  # fmt: skip
    services.record(
        user=author, reason=rules.QUESTION_UPVOTED, source_key="vote:1", actor=voter,
        facts={"visitor_key": "browser-2"},
    )  # fmt: skip
    assert not AbuseReport.objects.exists()


def test_an_anonymous_deflection_from_the_authors_own_browser_is_flagged(author):
    services.record(
        user=author, reason=rules.ANSWER_POSTED, source_key="a:1", actor=author,
        facts={"visitor_key": "browser-1"},
    )  # fmt: skip
    services.record(
        user=author, reason=rules.DEFLECTION, source_key="deflection:1", actor=None,
        facts={"visitor_key": "browser-1"},
    )  # fmt: skip
    report = AbuseReport.objects.get()
    assert (report.kind, report.voter, report.target) == ("same_visitor", author, author)
