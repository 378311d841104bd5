"""The single index writer: drains the IndexJob queue until stopped.

`make run` starts it beside the web server; in production run exactly one per index (one per
machine holding a Whoosh folder, or one in total for SEARCH_BACKEND=postgres). A second worker
on the same index exits at once. Killing it mid-batch loses nothing: jobs are marked done only
after the index committed."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from search import consistency, indexing, services
from search.backends import get_backend

HOUSEKEEPING_SECONDS = 60


class Command(BaseCommand):
    help = "Apply queued search index updates, as the only writer, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain what is queued, then stop.")
        parser.add_argument("--interval", type=float, default=0.5,
                            help="Seconds between polls of an empty queue.")
        parser.add_argument("--no-check", action="store_true",
                            help="Skip the start-up comparison of index and database.")

    def handle(self, *args, once=False, interval=0.5, no_check=False, **options):
        backend = get_backend()
        with backend.worker_lock(blocking=False) as acquired:
            if not acquired:
                self.stderr.write("Another search worker owns this index; exiting.")
                return
            self.stopping = False
            signal.signal(signal.SIGTERM, self._stop)
            if not no_check:
                repaired = consistency.repair(consistency.compare())
                if repaired:
                    self.stdout.write(f"Queued {repaired} groups found missing or stale.")
            self._loop(once=once, interval=interval)

    def _stop(self, *args):
        self.stopping = True

    def _loop(self, *, once: bool, interval: float) -> None:
        last_housekeeping = 0.0
        while not self.stopping:
            close_old_connections()
            try:
                applied = indexing.drain(blocking=True)
            except Exception as error:  # keep serving; the jobs stay queued
                self.stderr.write(f"search worker: {error!r}")
                applied = 0
            if time.monotonic() - last_housekeeping > HOUSEKEEPING_SECONDS:
                services.settle_implicit_deflections()
                indexing.forget_done_jobs()
                last_housekeeping = time.monotonic()
            if once and not applied:
                return
            if not applied:
                time.sleep(interval)
