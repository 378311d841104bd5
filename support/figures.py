"""The desk's daily figures for the insights dashboard: insights rolls each day up from the
raw rows and asks every registered provider for its own (`insights.services.register_figures`,
registered by `InsightsConfig.ready`: insights reads support, never the reverse). Each figure
can be summed over the days of a period; `summary` turns the sums into the period's medians,
CSAT average and NPS.

tickets                  (dimension: source)  tickets created that day
tickets_topic            (dimension: topic slug, "" without a topic)  the same tickets by topic
ticket_visitors          distinct shoppers (visitor key, account or address) who created one
ticket_first_reply_hours (dimension: bucket)  tickets of that day by hours to the first reply:
                         "1", "2", "4", "8", "24", "48", "more", or "none" (not replied yet)
tickets_within_promise / sla_breaches  against the first-reply promise in SupportSettings
csat (sum, count)        CSAT answers given that day; nps (promoter, passive, detractor)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from .models import SupportSettings, SurveyInvitation, Ticket
from .sla import Promise, state_of

FIRST_REPLY_BUCKETS = (1, 2, 4, 8, 24, 48)
BUCKET_ORDER = [str(bound) for bound in FIRST_REPLY_BUCKETS] + ["more", "none"]


def _bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def _bucket(hours: float | None) -> str:
    if hours is None:
        return "none"
    return next((str(bound) for bound in FIRST_REPLY_BUCKETS if hours <= bound), "more")


def daily_figures(day: dt.date) -> list[tuple[str, str, float]]:
    """The figures of `day` as (metric, dimension, value); reads only that day's rows (two
    queries and the settings)."""
    start, end = _bounds(day)
    promise = Promise.from_settings(SupportSettings.current())
    counts: Counter[tuple[str, str]] = Counter()
    shoppers = set()
    for ticket in Ticket.objects.filter(created_at__gte=start, created_at__lt=end).select_related(
            "topic").only("source", "created_at", "first_response_at", "visitor", "requester_id",
                          "requester_email", "topic__slug"):
        counts["tickets", ticket.source] += 1
        counts["tickets_topic", ticket.topic.slug if ticket.topic_id else ""] += 1
        shoppers.add(ticket.visitor or ticket.requester_id or ticket.requester_email.lower())
        hours = None
        if ticket.first_response_at:
            hours = (ticket.first_response_at - ticket.created_at).total_seconds() / 3600
        counts["ticket_first_reply_hours", _bucket(hours)] += 1
        state = state_of(created=ticket.created_at, first_response=ticket.first_response_at,
                         promise=promise)
        counts["sla_breaches" if state.breached else "tickets_within_promise", ""] += 1
    shoppers.discard("")
    counts["ticket_visitors", ""] = len(shoppers)
    answers = SurveyInvitation.objects.filter(answered_at__gte=start, answered_at__lt=end,
                                              score__isnull=False)
    for kind, score in answers.values_list("kind", "score"):
        if kind == SurveyInvitation.Kind.CSAT:
            counts["csat", "sum"] += score
            counts["csat", "count"] += 1
        else:
            group = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
            counts["nps", group] += 1
    return [(metric, dimension, value) for (metric, dimension), value in counts.items() if value]


def _bucket_at(histogram: dict[str, float], share: float) -> str | None:
    total = sum(histogram.get(key, 0) for key in BUCKET_ORDER)
    running = 0.0
    for key in BUCKET_ORDER:
        running += histogram.get(key, 0)
        if total and running >= total * share:
            return key
    return None


def summary(sums: dict[tuple[str, str], float], *, promise_hours: int) -> dict:
    """The period's figures from the summed daily rows {(metric, dimension): value}: the
    first-reply median and p90 as histogram buckets beside the promise, breaches, the CSAT
    average (1-5) and the NPS (-100 to 100); None where there is nothing to compute from."""
    def dims(metric):
        return {d: v for (m, d), v in sums.items() if m == metric}

    histogram, nps = dims("ticket_first_reply_hours"), dims("nps")
    csat_count = sums.get(("csat", "count"), 0)
    nps_total = sum(nps.values())
    return {
        "tickets": sum(dims("tickets").values()),
        "first_reply_median": _bucket_at(histogram, 0.5),
        "first_reply_p90": _bucket_at(histogram, 0.9),
        "promise_hours": promise_hours,
        "sla_breaches": sums.get(("sla_breaches", ""), 0),
        "csat_average": sums.get(("csat", "sum"), 0) / csat_count if csat_count else None,
        "nps": (100 * (nps.get("promoter", 0) - nps.get("detractor", 0)) / nps_total
                if nps_total else None),
    }
