"""The leaderboard cache and its purge.

Leaderboards are cached per period, filter and language. Every cached board records the
leaderboard version it was built under; a ledger write that moves points (`record`, `revert`,
`grant_points`) replaces the version after its transaction commits, so the next request
rebuilds the board from the committed ledger instead of waiting for the cache to expire.
Versions are random tokens, not counters, so a version lost to eviction can never make an old
board look current (the same reasoning as `vraagbaak.page_cache`).
"""

import secrets

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "gamification:leaderboard:version"


def current_version() -> str:
    """The version boards are cached under now; set on first use. One cache read."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        # add() so two first requests agree on one version.
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def invalidate_on_commit() -> None:
    """Make every cached board stale once the current transaction commits (at once outside
    one). Called by each service that changes points."""
    transaction.on_commit(_invalidate)


def _invalidate() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), None)
