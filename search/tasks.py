"""Background work through django-tasks (in-process by default, see settings.TASKS)."""

import logging

from django_tasks import task

log = logging.getLogger(__name__)


@task()
def drain_index_queue() -> int:
    """Apply pending index jobs unless a `search_worker` owns writing or another writer is busy.

    Non-blocking by design: with the in-process backend this runs right after the request's
    commit, and it must never wait for the index lock or raise into the request."""
    from .backends import get_backend
    from .indexing import drain

    try:
        if get_backend().worker_present():
            return 0
        return drain(blocking=False)
    except Exception:
        log.exception("search: draining the index queue failed; the jobs stay queued")
        return 0


def check_index():
    """Compare the index with the database and queue a repair of whatever differs (what
    `manage.py check_search_index --repair` does); the search worker applies it."""
    from .consistency import compare, repair

    return repair(compare())


def settle_deflections():
    from .services import settle_implicit_deflections

    return settle_implicit_deflections()


# Apps that read the raw logs later (insights rolls them up into daily rows) may hold the
# cutoff back: guard(cutoff) -> the moment before which deleting is safe (≤ cutoff).
_purge_guards: list = []


def register_purge_guard(guard) -> None:
    """Call from an AppConfig.ready(); `purge_old_logs` never deletes past what a guard allows."""
    if guard not in _purge_guards:
        _purge_guards.append(guard)


def purge_old_logs() -> int:
    """Delete raw search and suggestion logs (with their clicks) older than
    settings.LOG_RETENTION_DAYS. Idempotent: a second run the same day deletes nothing.
    Deflections stay (their link to the suggestion is cleared): they are the anonymous
    statistics the insights are built from."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from .models import SearchClick, SearchLog, SuggestionLog

    cutoff = timezone.now() - timedelta(days=settings.LOG_RETENTION_DAYS)
    for guard in _purge_guards:
        cutoff = min(cutoff, guard(cutoff))
    deleted = SearchClick.objects.filter(search__created_at__lt=cutoff).delete()[0]
    deleted += SearchLog.objects.filter(created_at__lt=cutoff).delete()[0]
    deleted += SuggestionLog.objects.filter(created_at__lt=cutoff).delete()[0]
    return deleted


# The scheduler's contract: (name, every_seconds, function) per job.
SCHEDULE = [
    ("check_index", 24 * 60 * 60, check_index),
    ("settle_implicit_deflections", 5 * 60, settle_deflections),
    ("purge_old_logs", 24 * 60 * 60, purge_old_logs),
]
