"""The scheduler: runs each app's periodic jobs, safely when several copies run.

Every local app may have a `tasks.py` with a module-level
``SCHEDULE = [(job_name, every_seconds, func), ...]``; `func()` takes no arguments and is
idempotent. `manage.py run_scheduler` (started by `make run`) calls `run_due` in a loop.

Each job has a `ScheduledJob` row. A due occurrence is claimed with one conditional UPDATE
(``next_run_at <= now`` → ``next_run_at = now + every``): the database lets exactly one
scheduler match the row, on SQLite and PostgreSQL alike, so two copies never both run it.
A job that raises is logged and stored in `last_error`; it runs again at its next interval
and never stops the others.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import ScheduledJob

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: int
    func: Callable[[], object]


def discover() -> list[Job]:
    """Every local app's `tasks.SCHEDULE`, named "<app label>.<job name>"."""
    jobs = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue  # third-party apps (Wagtail, allauth…) are not ours to schedule
        if find_spec(f"{config.name}.tasks") is None:
            continue
        for name, every, func in getattr(import_module(f"{config.name}.tasks"), "SCHEDULE", ()):
            jobs.append(Job(f"{config.label}.{name}", int(every), func))
    return jobs


def claim(job: Job, *, now: datetime) -> bool:
    """Take the occurrence of `job` due at `now`, if no other scheduler took it. A new job
    is due at once."""
    ScheduledJob.objects.get_or_create(
        name=job.name, defaults={"every_seconds": job.every_seconds, "next_run_at": now}
    )
    return bool(
        ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=now + timedelta(seconds=job.every_seconds),
            every_seconds=job.every_seconds,
            last_started_at=now,
        )
    )


def run_due(jobs: list[Job], *, now: datetime | None = None) -> list[str]:
    """Run every job of `jobs` that is due and that this scheduler claims. Returns the names
    of the jobs it ran (failed ones included)."""
    now = now or timezone.now()
    ran = []
    for job in jobs:
        if not claim(job, now=now):
            continue
        ran.append(job.name)
        try:
            job.func()
        except Exception:
            log.exception("scheduler: job %s failed; it runs again in %ss", job.name,
                          job.every_seconds)
            ScheduledJob.objects.filter(name=job.name).update(
                failures=F("failures") + 1, last_error=traceback.format_exc()[-4000:],
                last_finished_at=timezone.now(),
            )
        else:
            ScheduledJob.objects.filter(name=job.name).update(
                runs=F("runs") + 1, last_error="", last_finished_at=timezone.now()
            )
    return ran


def seconds_until_next(jobs: list[Job], *, now: datetime | None = None) -> float:
    """How long the loop may sleep before one of `jobs` is due (0 when one is due now)."""
    now = now or timezone.now()
    names = [job.name for job in jobs]
    upcoming = (ScheduledJob.objects.filter(name__in=names).order_by("next_run_at")
                .values_list("next_run_at", flat=True).first())
    if upcoming is None or len(names) > ScheduledJob.objects.filter(name__in=names).count():
        return 0.0
    return max(0.0, (upcoming - now).total_seconds())
