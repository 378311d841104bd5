"""Scheduled work of the project layer (the scheduler runs every app's `SCHEDULE`)."""

from .idempotency import forget_old

SCHEDULE = [("forget old form tokens", 6 * 60 * 60, forget_old)]
