"""Fixed-window counters in the default cache (shared Redis in production, so every web
server counts together). Imports nothing of ours, so every app may use it."""

from django.core.cache import cache


def count_hit(key: str, *, window: int) -> int:
    """Count one hit on `key` and return the hits in the current window of `window` seconds;
    the window starts at the first hit and the counter expires with it."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1
