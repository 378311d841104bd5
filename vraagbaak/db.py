"""Transactions that survive a write conflict. Imports nothing of ours, so every app may use it.

Under concurrent writers PostgreSQL may abort one transaction to break a deadlock (40P01) or a
serialisation conflict (40001), and SQLite may give up waiting for its write lock. Both abort
the whole transaction before anything is committed, so running it again is safe; the member
should see their vote or answer land, not a 503.
"""

import functools
import random
import time

from django.db import OperationalError, connection, transaction

ATTEMPTS = 4
RETRYABLE_SQLSTATES = {"40P01", "40001"}


def is_conflict(error: BaseException) -> bool:
    cause = getattr(error, "__cause__", None)
    if getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error)


def atomic_with_retry(func):
    """`transaction.atomic` that runs `func` again (up to ATTEMPTS times, with a short random
    pause) when the outermost transaction is aborted by a write conflict. Inside an enclosing
    transaction it is a plain savepoint: only the outermost caller can retry."""
    atomic = transaction.atomic(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if connection.in_atomic_block:
            return atomic(*args, **kwargs)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return atomic(*args, **kwargs)
            except OperationalError as error:
                if attempt == ATTEMPTS or not is_conflict(error):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 - jitter only
        raise AssertionError("unreachable")

    return wrapper
