"""Serial-voting detection, run daily by `manage.py gamification_daily`.

One voter giving another member more than SERIAL_VOTES votes within the window, or two
members voting for each other at least RING_VOTES times each (a ring of two), has those
votes reversed with a recorded reason and a report for moderators. Reversed votes no longer
count, so running the job again reports nothing new.
"""

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from . import services
from .models import AbuseReport, ReputationEvent
from .rules import vote_reasons

DEFAULTS = {"SERIAL_VOTES": 5, "RING_VOTES": 3, "SERIAL_WINDOW_HOURS": 24}


def _setting(name: str) -> int:
    return int(getattr(settings, "GAMIFICATION", {}).get(name, DEFAULTS[name]))


@transaction.atomic
def detect_serial_voting(*, now: dt.datetime | None = None) -> list[AbuseReport]:
    """Find, reverse and report serial voting and voting rings in the window before `now`.
    Returns the new reports."""
    now = now or timezone.now()
    hours = _setting("SERIAL_WINDOW_HOURS")
    votes = ReputationEvent.objects.live().filter(
        reason__in=vote_reasons(),
        actor__isnull=False,
        created_at__gt=now - dt.timedelta(hours=hours),
        created_at__lte=now,
    )
    pairs = Counter(
        {
            (row["actor"], row["user"]): row["n"]
            for row in votes.order_by().values("actor", "user").annotate(n=Count("id"))
            if row["actor"] != row["user"]
        }
    )
    reports = []
    serial, ring = _setting("SERIAL_VOTES"), _setting("RING_VOTES")
    for (voter, target), n in sorted(pairs.items()):
        if n > serial:
            why = f"Serial voting: {n} votes from member {voter} for member {target} in {hours} h"
            reports.append(_reverse(votes, AbuseReport.Kind.SERIAL_VOTING, voter, target, n, why))
    for (voter, target), n in sorted(pairs.items()):
        back = pairs.get((target, voter), 0)
        if voter < target and n <= serial and 0 < back <= serial and min(n, back) >= ring:
            why = f"Voting ring: members {voter} and {target} voted {n} and {back} times each"
            reports.append(_reverse(votes, AbuseReport.Kind.VOTING_RING, voter, target, n, why))
            reports.append(_reverse(votes, AbuseReport.Kind.VOTING_RING, target, voter, back, why))
    return reports


def _reverse(votes, kind, voter_id, target_id, n, why) -> AbuseReport:
    reversed_count = services._revert(
        votes.filter(actor_id=voter_id, user_id=target_id), by=None, why=why
    )
    return AbuseReport.objects.create(
        kind=kind,
        voter_id=voter_id,
        target_id=target_id,
        votes=n,
        reversed_events=reversed_count,
        detail=why[:300],
    )
