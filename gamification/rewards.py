"""Loyalty rewards (filled in below)."""


def grant_threshold_rewards(*, user, total: int) -> list:
    return []
