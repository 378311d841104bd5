"""The first-reply promise: when a ticket's first reply is due, and whether it was kept.

With `business_hours_only` the target counts only the hours between `business_start` and
`business_end` on Monday to Friday (in the site's time zone); otherwise every hour counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

WEEKEND = (5, 6)
AT_RISK_SHARE = 0.25  # the last quarter of the allowed time


@dataclass(frozen=True)
class Promise:
    hours: int
    business_only: bool = False
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 30)

    @classmethod
    def from_settings(cls, settings) -> Promise:
        return cls(hours=settings.first_reply_hours, business_only=settings.business_hours_only,
                   start=settings.business_start, end=settings.business_end)


def due_at(created: dt.datetime, promise: Promise) -> dt.datetime:
    """The moment the first reply is due for a ticket created at `created`."""
    if not promise.business_only:
        return created + dt.timedelta(hours=promise.hours)
    remaining = dt.timedelta(hours=promise.hours)
    cursor = timezone.localtime(created)
    tz = cursor.tzinfo
    while True:
        day_start = dt.datetime.combine(cursor.date(), promise.start, tz)
        day_end = dt.datetime.combine(cursor.date(), promise.end, tz)
        if cursor.weekday() in WEEKEND or cursor >= day_end:
            cursor = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), promise.start, tz)
            continue
        cursor = max(cursor, day_start)
        if cursor + remaining <= day_end:
            return cursor + remaining
        remaining -= day_end - cursor
        cursor = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), promise.start, tz)


@dataclass(frozen=True)
class SlaState:
    due: dt.datetime
    state: str  # "met", "breached", "at_risk", "on_track"

    @property
    def breached(self) -> bool:
        return self.state == "breached"


def state_of(*, created: dt.datetime, first_response: dt.datetime | None, promise: Promise,
             now: dt.datetime | None = None) -> SlaState:
    now = now or timezone.now()
    due = due_at(created, promise)
    if first_response is not None:
        return SlaState(due, "breached" if first_response > due else "met")
    if now > due:
        return SlaState(due, "breached")
    if (due - now) <= (due - created) * AT_RISK_SHARE:
        return SlaState(due, "at_risk")
    return SlaState(due, "on_track")
