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
