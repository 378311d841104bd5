"""Shared measuring: a throwaway database, timed requests, percentiles, query counts."""

import os
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


@contextmanager
def scratch_database():
    """A fresh test database (same engine as DATABASE_URL) for the duration of a benchmark.
    `make bench` runs several benchmarks in one process, so the test environment is set up
    and torn down around each of them."""
    setup_test_environment()
    try:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    finally:
        teardown_test_environment()


# Timed calls per figure unless a benchmark asks for its own; `make bench-quick` lowers it.
REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))


def measure(
    label: str, call: Callable[[], object], *, repeat: int | None = None, warmup: int = 10
) -> dict:
    """Time `call` `repeat` (default REPEAT) times; return and print p50/p95/p99 (ms),
    requests/s and queries."""
    repeat = repeat or REPEAT
    for _ in range(warmup):
        call()
    # Django resets its own query log at every request start, so count at the cursor instead.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        response = call()
    if getattr(response, "status_code", 200) >= 400:
        raise RuntimeError(f"{label}: HTTP {response.status_code}")
    samples = []
    started = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    samples.sort()
    figures = {
        "label": label,
        "p50": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1],
        "p99": samples[int(len(samples) * 0.99) - 1],
        "rps": repeat / elapsed,
        "queries": len(queries),
    }
    print(
        f"{label:<34} p50 {figures['p50']:7.2f} ms  p95 {figures['p95']:7.2f} ms  "
        f"p99 {figures['p99']:7.2f} ms  {figures['rps']:8.1f} req/s  "
        f"{figures['queries']:3d} queries",
        flush=True,
    )
    return figures


def compare(figures: dict, baseline: dict) -> None:
    ratio = figures["p50"] / baseline["p50"] if baseline["p50"] else float("inf")
    print(f"  {figures['label']}: {ratio:.1f}× the p50 of {baseline['label']}", flush=True)
