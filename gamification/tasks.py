"""Scheduled work of the gamification app, run by `manage.py run_scheduler` (or from cron as
`manage.py gamification_daily` / `verify_reputation`)."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from . import abuse, rewards

DAY = 24 * 60 * 60


def daily_sweep():
    """Reverse serial voting and voting rings, and grant last month's top-helper rewards.
    Safe to run again: both steps skip what they already did. Returns (reports, codes)."""
    reports = abuse.detect_serial_voting()
    last_month = timezone.localdate().replace(day=1) - timezone.timedelta(days=1)
    return reports, rewards.grant_monthly_rewards(month=last_month)


def verify_reputation():
    call_command("verify_reputation", verbosity=0)


SCHEDULE = [
    ("daily_sweep", DAY, daily_sweep),
    ("verify_reputation", 7 * DAY, verify_reputation),
]
