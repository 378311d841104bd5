"""Limits for every write, per level: how often a member (or an anonymous visitor's key) may
do each action a minute and a day. One table, one function: `check_rate(who, action)`.

Services call it right before they write; it counts the attempt in the shared cache (Redis in
production) and raises `RateLimited` (a ValidationError, so forms and messages show it) with
when the limit lifts. Views turn it into a 429 for the JSON API. Moderators and staff have no
limits. `search` and `support` pass a visitor key for anonymous visitors.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from vraagbaak.throttle import count_hit

from . import privileges, selectors

QUESTION, ANSWER, COMMENT, VOTE = "question", "answer", "comment", "vote"
FLAG, EDIT = "flag", "edit"
FEEDBACK, SEARCH, TICKET = "feedback", "search", "ticket"


@dataclass(frozen=True)
class Rate:
    minimum: int  # reputation from which this row applies (0: anonymous visitors too)
    per_minute: int
    per_day: int


# action -> rows ordered by minimum; the last row whose minimum the member reaches applies.
# Votes follow Stack Exchange (40 a day); one comment a minute for new members is the
# 60-second rule. Questions and answers also have gamification.limits' seconds between
# posts for new members; these minute limits sit above it for everyone.
RATES: dict[str, list[Rate]] = {
    QUESTION: [Rate(0, 3, 20), Rate(15, 3, 30), Rate(50, 5, 100), Rate(125, 10, 200)],
    ANSWER: [Rate(0, 3, 20), Rate(15, 5, 40), Rate(50, 8, 100), Rate(125, 10, 300)],
    COMMENT: [Rate(0, 1, 10), Rate(15, 3, 50), Rate(50, 5, 200), Rate(125, 10, 400)],
    VOTE: [Rate(0, 10, 40), Rate(125, 20, 40)],
    FLAG: [Rate(0, 5, 20), Rate(125, 8, 40), Rate(1000, 10, 100)],
    EDIT: [Rate(0, 5, 30), Rate(125, 8, 60), Rate(2000, 10, 200)],
    FEEDBACK: [Rate(0, 10, 100)],
    SEARCH: [Rate(0, 60, 2000)],
    TICKET: [Rate(0, 2, 10)],
}


_unlimited: ContextVar[bool] = ContextVar("gamification_rates_unlimited", default=False)


@contextmanager
def unlimited():
    """No rate limits inside (the demo seeding writes a year of community life at once)."""
    token = _unlimited.set(True)
    try:
        yield
    finally:
        _unlimited.reset(token)


class RateLimited(ValidationError):
    """Too many of one action; `retry_after` says in how many seconds it lifts."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def _rows(action: str) -> list[Rate]:
    if action == SEARCH:  # the search page's minute limit is a setting (SEARCH_PAGE_RATE)
        return [replace(row, per_minute=settings.SEARCH_PAGE_RATE) for row in RATES[SEARCH]]
    return RATES[action]


def rate_for(action: str, reputation: int) -> Rate:
    rows = _rows(action)
    current = rows[0]
    for row in rows:
        if reputation >= row.minimum:
            current = row
    return current


def _who(user_or_key) -> tuple[str, int]:
    if isinstance(user_or_key, str):
        return f"k:{user_or_key}", 0
    return f"u:{user_or_key.pk}", selectors.reputation_of(user_or_key)


def _count(key: str, timeout: int) -> int:
    return count_hit(key, window=timeout)


def check_rate(user_or_key, action: str, *, now: float | None = None) -> None:
    """Count one `action` by a member (a user) or an anonymous visitor (a string key) and
    raise RateLimited when it goes past their level's minute or day limit. `now` (epoch
    seconds) lets tests move the clock; the day is the site's local calendar day."""
    if _unlimited.get():
        return
    if not isinstance(user_or_key, str) and privileges.is_moderator(user_or_key):
        return
    if action not in RATES:
        raise ValueError(f"Unknown action {action!r}")
    who, reputation = _who(user_or_key)
    rate = rate_for(action, reputation)
    now = time.time() if now is None else now
    minute = int(now // 60)
    local = timezone.localtime(datetime.fromtimestamp(now, tz=UTC))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    day_left = max(1, int(midnight.timestamp() - now))
    day_count = _count(f"rate:{action}:{who}:d:{local.date().isoformat()}", day_left + 60)
    minute_count = _count(f"rate:{action}:{who}:m:{minute}", 120)
    if day_count > rate.per_day:
        minutes = max(1, (day_left + 59) // 60)
        raise RateLimited(
            ngettext(
                "You've reached today's limit of %(limit)d for this. "
                "Please try again in %(count)d minute.",
                "You've reached today's limit of %(limit)d for this. "
                "Please try again in %(count)d minutes.",
                minutes,
            )
            % {"limit": rate.per_day, "count": minutes},
            retry_after=day_left,
        )
    if minute_count > rate.per_minute:
        seconds = max(1, 60 - int(now % 60))
        raise RateLimited(
            ngettext(
                "You're going quickly: at most %(limit)d a minute. "
                "Please try again in %(count)d second.",
                "You're going quickly: at most %(limit)d a minute. "
                "Please try again in %(count)d seconds.",
                seconds,
            )
            % {"limit": rate.per_minute, "count": seconds},
            retry_after=seconds,
        )
