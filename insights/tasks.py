"""Scheduled work of the insights app (the scheduler runs every `SCHEDULE` entry)."""

from .services import close_found_gaps, purge_rolled_up_logs, roll_up_recent


def roll_up() -> dict:
    """The hourly job: roll up the recent days, close the gap questions a later search
    answered, then delete raw logs past the retention (only days already rolled up)."""
    return {"figures": roll_up_recent(), "closed_gaps": close_found_gaps(),
            "purged": purge_rolled_up_logs()}


# (job name, every N seconds, function without arguments; idempotent)
SCHEDULE = [("insights.roll_up_recent", 60 * 60, roll_up)]
