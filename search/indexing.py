"""How content changes reach the index: a durable queue (`IndexJob`) drained by one writer.

1. A change (Wagtail publish/unpublish/delete, a question or answer saved) calls `schedule()`
   inside the change's own transaction: the job row commits with the change or not at all.
2. After commit, `search.tasks.drain_index_queue` is enqueued (django-tasks). It drains only
   when no `search_worker` is running and nobody else holds the writer lock; otherwise it
   returns at once, so a request never waits for, or fails on, indexing.
3. `drain()` reads pending jobs, rebuilds each group's documents from the database, commits
   them to the index, and only then marks the jobs done. A worker killed mid-batch leaves its
   jobs pending; the next drain repeats them (replacing a group is idempotent).
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import phrasings, vectors
from .backends import get_backend
from .models import IndexJob
from .registry import Document, registry

log = logging.getLogger(__name__)
BATCH_SIZE = 100
MAX_ATTEMPTS = 5
KEEP_DONE = timedelta(days=2)


def schedule(groups: list[str]) -> None:
    """Queue `groups` for (re)indexing, in the caller's transaction; kick a drain after commit.

    Never raises into the caller for task-backend trouble: the job rows are the durable record,
    and the worker (or the next drain) picks them up."""
    groups = sorted(set(groups))
    if not groups:
        return
    now = timezone.now()
    IndexJob.objects.bulk_create(
        [IndexJob(group=g, token=uuid.uuid4(), requested_at=now) for g in groups],
        update_conflicts=True,
        unique_fields=["group"],
        update_fields=["token", "requested_at", "done_at", "attempts", "last_error"],
    )
    transaction.on_commit(_kick, robust=True)


def _kick() -> None:
    from .tasks import drain_index_queue

    try:
        drain_index_queue.enqueue()
    except Exception:  # the queue keeps the work; indexing must not fail the request
        log.exception("could not enqueue the search indexing task")


def documents_for(group: str) -> list[Document]:
    """The documents `group` should have now: none when its row is gone or not indexable."""
    resolved = registry.resolve(group)
    if resolved is None:
        return []
    indexable, pk = resolved
    obj = indexable.load(pk)
    return phrasings.attach(indexable.documents(obj)) if obj is not None else []


def drain(*, blocking: bool = False, max_batches: int | None = None) -> int:
    """Apply pending jobs as the single writer. Returns how many jobs were applied; 0 when
    another writer holds the lock (non-blocking) or nothing is pending."""
    backend = get_backend()
    applied = 0
    with backend.writer_lock(blocking=blocking) as acquired:
        if not acquired:
            return 0
        batches = 0
        while max_batches is None or batches < max_batches:
            done = _apply_batch(backend)
            if not done:
                break
            applied += done
            batches += 1
    return applied


def _apply_batch(backend) -> int:
    jobs = list(
        IndexJob.objects.filter(done_at=None, attempts__lt=MAX_ATTEMPTS)
        .order_by("requested_at", "pk")
        .values_list("pk", "group", "token")[:BATCH_SIZE]
    )
    if not jobs:
        return 0
    groups, failed = {}, []
    for pk, group, _token in jobs:
        try:
            groups[group] = documents_for(group)
        except Exception as error:  # one broken row must not hold up the queue
            log.exception("search: cannot build documents for %s", group)
            failed.append(pk)
            IndexJob.objects.filter(pk=pk).update(last_error=repr(error)[:1000])
    backend.replace_groups(groups)
    vectors.store(groups)
    now = timezone.now()
    for pk, _group, token in jobs:
        if pk in failed:
            IndexJob.objects.filter(pk=pk, token=token).update(attempts=_one_more_attempt())
            continue
        IndexJob.objects.filter(pk=pk, token=token, done_at=None).update(done_at=now)
    return len(jobs)


def _one_more_attempt():
    from django.db.models import F

    return F("attempts") + 1


def pending_count() -> int:
    return IndexJob.objects.filter(done_at=None, attempts__lt=MAX_ATTEMPTS).count()


def forget_done_jobs() -> int:
    """Delete jobs done long ago (they are kept a while so a rebuild can replay them)."""
    return IndexJob.objects.filter(done_at__lt=timezone.now() - KEEP_DONE).delete()[0]


def replay_since(moment) -> int:
    """Mark every job requested since `moment` pending again (after a rebuild swapped in an
    index built from an older snapshot)."""
    return IndexJob.objects.filter(requested_at__gte=moment).update(done_at=None, attempts=0)
