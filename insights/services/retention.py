"""Raw logs older than settings.LOG_RETENTION_DAYS are deleted, but only days that were rolled
up: the dashboard keeps showing old periods from the daily rows (`RolledUpDay` records which
days are final)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from kb.models import PageFeedback
from search.models import Deflection, SearchClick, SearchLog, SuggestionLog

from ..models import RolledUpDay
from .rollup import day_bounds, roll_up_day

# (model, its time field): every raw log the roll-up reads. Clicks go with their search.
RAW_LOGS = ((SearchLog, "created_at"), (SuggestionLog, "created_at"),
            (Deflection, "created_at"), (PageFeedback, "updated_at"))


def retention_cutoff(today: dt.date | None = None) -> dt.date:
    """The first day whose raw logs are kept."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.LOG_RETENTION_DAYS)


def safe_purge_before(cutoff: dt.datetime) -> dt.datetime:
    """The latest moment ≤ `cutoff` before which every day with raw logs is rolled up: the
    start of the oldest day with logs that was not rolled up, else `cutoff` (search's own purge
    asks this, so no app deletes an un-rolled day)."""
    oldest = _oldest_log()
    if oldest is None or oldest >= cutoff:
        return cutoff
    day, last = timezone.localdate(oldest), timezone.localdate(cutoff)
    rolled = set(RolledUpDay.objects.filter(day__gte=day, day__lte=last)
                 .values_list("day", flat=True))
    while day < last:
        if day not in rolled:
            return min(day_bounds(day)[0], cutoff)
        day += dt.timedelta(days=1)
    return cutoff


@transaction.atomic
def purge_rolled_up_logs(*, today: dt.date | None = None) -> int:
    """Roll up any expired day that never was, then delete the raw logs of every day before
    the retention cutoff and mark those days final. Returns the number of rows deleted;
    a second run deletes nothing."""
    first_kept = retention_cutoff(today)
    cutoff = day_bounds(first_kept)[0]
    oldest = _oldest_log()
    if oldest is None or oldest >= cutoff:
        return 0
    day = timezone.localdate(oldest)
    rolled = set(RolledUpDay.objects.filter(day__gte=day, day__lt=first_kept)
                 .values_list("day", flat=True))
    expired = []
    while day < first_kept:
        if day not in rolled:
            roll_up_day(day)
        expired.append(day)
        day += dt.timedelta(days=1)
    deleted = SearchClick.objects.filter(search__created_at__lt=cutoff).delete()[0]
    for model, field in RAW_LOGS:
        deleted += model.objects.filter(**{f"{field}__lt": cutoff}).delete()[0]
    now = timezone.now()
    RolledUpDay.objects.filter(day__in=expired).update(purged_at=now)
    return deleted


def _oldest_log() -> dt.datetime | None:
    moments = [model.objects.aggregate(first=Min(field))["first"] for model, field in RAW_LOGS]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None
