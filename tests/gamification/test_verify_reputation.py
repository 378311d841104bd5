"""`manage.py verify_reputation` finds totals that drifted from the ledger and repairs them."""

import pytest
from django.core.management import call_command

from gamification import rules, services
from gamification.models import Reputation, ReputationEvent

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


def test_reports_and_repairs_a_drifted_total_and_wrong_points(author, voter, capsys):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    Reputation.objects.filter(user=author).update(total=500)
    ReputationEvent.objects.filter(user=author).update(points=3)
    call_command("verify_reputation")
    out = capsys.readouterr().out
    assert f"member {author.pk}: total 500 -> 11, fixed 1 events" in out
    assert assert_consistent(author) == 11


def test_check_only_changes_nothing_and_fails(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    Reputation.objects.filter(user=author).update(total=500)
    with pytest.raises(SystemExit):
        call_command("verify_reputation", "--check")
    assert Reputation.objects.get(user=author).total == 500


def test_a_consistent_ledger_reports_no_repairs(author, voter, capsys):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    call_command("verify_reputation")
    assert "0 repaired" in capsys.readouterr().out
