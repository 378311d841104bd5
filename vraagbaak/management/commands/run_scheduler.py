"""Run every app's scheduled jobs (`tasks.SCHEDULE`, see vraagbaak.scheduler) until stopped.

`make run` starts it beside the search worker. Several copies may run (one per machine): each
due occurrence runs exactly once. Production may instead run `--once` from cron every minute."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from vraagbaak import scheduler


class Command(BaseCommand):
    help = "Run the apps' scheduled jobs when they are due, until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")
        parser.add_argument("--interval", type=float, default=30.0,
                            help="Longest sleep between checks, in seconds.")

    def handle(self, *args, once=False, interval=30.0, **options):
        jobs = scheduler.discover()
        if once:
            self._run(jobs)
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.stdout.write(f"Scheduler: {len(jobs)} jobs ({', '.join(j.name for j in jobs)}).")
        while not self.stopping:
            close_old_connections()
            try:
                self._run(jobs)
                pause = min(interval, scheduler.seconds_until_next(jobs))
            except Exception as error:  # e.g. the database is briefly unreachable
                self.stderr.write(f"scheduler: {error!r}")
                pause = interval
            self._sleep(max(pause, 1.0))

    def _run(self, jobs):
        for name in scheduler.run_due(jobs):
            self.stdout.write(f"ran {name}")

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.5, end - time.monotonic()))

    def _stop(self, *args):
        self.stopping = True
