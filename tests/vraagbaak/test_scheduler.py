"""vraagbaak.scheduler and `manage.py run_scheduler`: each due occurrence runs exactly once,
however many schedulers run; a failing job never stops the others."""

import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from search.models import Deflection, SuggestionLog
from vraagbaak import scheduler
from vraagbaak.models import ScheduledJob
from vraagbaak.scheduler import Job


class Counter:
    def __init__(self):
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.calls += 1


@pytest.mark.django_db
class TestRunDue:
    def test_a_new_job_is_due_at_once_then_after_each_interval(self):
        count, now = Counter(), timezone.now()
        job = Job("test.count", 60, count)
        assert scheduler.run_due([job], now=now) == ["test.count"]
        assert scheduler.run_due([job], now=now + timedelta(seconds=59)) == []
        assert scheduler.run_due([job], now=now + timedelta(seconds=60)) == ["test.count"]
        assert count.calls == 2
        row = ScheduledJob.objects.get(name="test.count")
        assert row.runs == 2 and row.next_run_at == now + timedelta(seconds=120)

    def test_a_failing_job_is_recorded_and_does_not_stop_the_others(self):
        def broken():
            raise RuntimeError("mail server down")

        count, now = Counter(), timezone.now()
        jobs = [Job("test.broken", 300, broken), Job("test.count", 300, count)]
        assert scheduler.run_due(jobs, now=now) == ["test.broken", "test.count"]
        assert count.calls == 1
        row = ScheduledJob.objects.get(name="test.broken")
        assert row.failures == 1 and row.runs == 0 and "mail server down" in row.last_error
        # Retried at its next interval, not before.
        assert scheduler.run_due(jobs, now=now + timedelta(seconds=10)) == []
        assert scheduler.run_due(jobs, now=now + timedelta(seconds=300)) == [
            "test.broken", "test.count"]
        assert ScheduledJob.objects.get(name="test.broken").failures == 2

    def test_sleep_until_the_next_due_job(self):
        now = timezone.now()
        jobs = [Job("test.a", 60, Counter()), Job("test.b", 600, Counter())]
        assert scheduler.seconds_until_next(jobs, now=now) == 0  # never ran: due now
        scheduler.run_due(jobs, now=now)
        assert scheduler.seconds_until_next(jobs, now=now + timedelta(seconds=20)) == 40


def test_every_local_app_schedule_is_discovered_and_nothing_else():
    names = {job.name for job in scheduler.discover()}
    assert {
        "gamification.daily_sweep",
        "gamification.verify_reputation",
        "kb.publish_scheduled",
        "search.check_index",
        "search.settle_implicit_deflections",
    } <= names
    assert all(name.split(".")[0] in {"kb", "gamification", "community", "search", "support",
                                      "insights", "vraagbaak"} for name in names)


@pytest.mark.django_db
def test_once_runs_only_the_jobs_that_are_due(home_pages):
    now = timezone.now()
    jobs = scheduler.discover()
    for job in jobs:
        due = job.name == "search.settle_implicit_deflections"
        ScheduledJob.objects.create(name=job.name, every_seconds=job.every_seconds,
                                    next_run_at=now - timedelta(seconds=1) if due
                                    else now + timedelta(hours=1))
    clicked = SuggestionLog.objects.create(
        query="retour", language="nl", context="ask", shown=3, visitor="v1",
        clicked_url="/nl/retour/", clicked_at=now - timedelta(minutes=31),
    )
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert out.getvalue().split() == ["ran", "search.settle_implicit_deflections"]
    assert Deflection.objects.get(suggestion=clicked).kind == Deflection.Kind.IMPLICIT
    ran = dict(ScheduledJob.objects.values_list("name", "runs"))
    assert ran.pop("search.settle_implicit_deflections") == 1
    assert set(ran.values()) == {0}


@pytest.mark.django_db
def test_once_runs_the_real_jobs_without_errors(home_pages):
    call_command("run_scheduler", "--once", stdout=StringIO())
    rows = ScheduledJob.objects.all()
    assert len(rows) == len(scheduler.discover())
    assert [(row.name, row.last_error) for row in rows if row.failures or not row.runs] == []


# PostgreSQL only: the in-memory SQLite test database can't be shared by threads (the SQLite
# case runs as two processes on a database file below).
@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_in_threads_run_each_due_occurrence_once():
    count, start = Counter(), timezone.now()
    job = Job("test.race", 60, count)
    rounds, copies = 5, 2
    barrier = threading.Barrier(copies)

    def scheduler_copy():
        try:
            for i in range(rounds):
                barrier.wait()
                scheduler.run_due([job], now=start + timedelta(seconds=60 * i))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler_copy) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count.calls == rounds
    assert ScheduledJob.objects.get(name="test.race").runs == rounds


RACER = """
import os, sys, time
from datetime import datetime, timedelta, timezone
import django
django.setup()
from django.db import connection
from vraagbaak import scheduler
from vraagbaak.models import ScheduledJob

mode, log, base, folder = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
if mode == "setup":
    with connection.schema_editor() as editor:
        editor.create_model(ScheduledJob)
    sys.exit(0)

def record():
    with open(log, "a") as f:
        f.write(f"{os.getpid()}\\n")

ScheduledJob.objects.exists()  # connected
open(os.path.join(folder, f"ready-{os.getpid()}"), "w").close()
while not os.path.exists(os.path.join(folder, "go")):
    time.sleep(0.01)
first = datetime.fromtimestamp(base, tz=timezone.utc)
for i in range(int(mode)):
    scheduler.run_due([scheduler.Job("test.race", 60, record)],
                      now=first + timedelta(seconds=60 * i))
"""


def test_two_scheduler_processes_on_one_sqlite_file_run_each_due_occurrence_once():
    rounds = 20
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vraagbaak.settings.test",
               "DATABASE_URL": f"sqlite:///{folder}/race.sqlite3"}
        log, base = Path(folder) / "runs.log", str(time.time())

        def racer(mode):
            return subprocess.Popen([sys.executable, "-c", RACER, mode, str(log), base, folder],
                                    cwd=settings.BASE_DIR, env=env)

        assert racer("setup").wait(timeout=120) == 0
        copies = [racer(str(rounds)), racer(str(rounds))]
        while len(list(Path(folder).glob("ready-*"))) < 2:  # both connected: start together
            assert all(copy.poll() is None for copy in copies)
            time.sleep(0.05)
        (Path(folder) / "go").touch()
        assert [copy.wait(timeout=120) for copy in copies] == [0, 0]
        runs = log.read_text().split()
    assert len(runs) == rounds
