"""Reads for the dashboard. Every figure comes from the pre-aggregated daily rows, so a
dashboard costs the same three queries for a week or a year of traffic.

Definitions (shown on the dashboard next to each figure):
- visitors: distinct visitor keys per day that searched, saw suggestions or rated a page,
  summed over the days of the period (visitor-days);
- self-service score: visitors ÷ visitors who created a ticket (Zendesk's definition), N:1;
- search success rate: searches followed by at least one result click ÷ searches;
- deflection rate (ask and contact forms): suggestion sessions that ended without the form
  being posted ÷ all suggestion sessions on that form;
- estimated saving: deflections × the cost per contact set in the admin.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, Sum
from django.utils import timezone

from support.figures import summary as support_summary
from support.models import Source

from ..models import DailyFigure, InsightsSettings, QueryDay
from ..services import FIRST_ANSWER_BUCKETS

PERIODS = (7, 30, 90)
CONTEXTS = ("header", "ask", "contact")
TOP_QUERIES = 10
MAX_GAPS = 20
# Metrics whose per-day values are kept per dimension too (support over time, survey weeks).
DIMENSION_SERIES = ("tickets", "tickets_topic", "csat", "nps")


@dataclass(frozen=True)
class Period:
    """The days from `first` to `last`, both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def last_days(cls, days: int, *, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        last = self.first - dt.timedelta(days=1)
        return Period(last - dt.timedelta(days=self.days - 1), last)

    def dates(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range(self.days)]


class Totals:
    """Figures of one period, summed from the daily rows: `totals["searches"]` is the sum
    over every dimension, `totals["searches", "nl"]` one dimension."""

    def __init__(self):
        self._values: dict[tuple[str, str], float] = defaultdict(float)
        self._sums: dict[str, float] = defaultdict(float)

    def add(self, metric: str, dimension: str, value: float) -> None:
        self._values[metric, dimension] += value
        self._sums[metric] += value

    def __getitem__(self, key) -> float:
        if isinstance(key, tuple):
            return self._values.get(key, 0.0)
        return self._sums.get(key, 0.0)

    def values(self) -> dict[tuple[str, str], float]:
        """Every (metric, dimension) sum, for providers that compute their own figures."""
        return dict(self._values)

    def dimensions(self, metric: str) -> dict[str, float]:
        return {dim: value for (name, dim), value in self._values.items() if name == metric}


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def change(now: float | None, before: float | None) -> float | None:
    """Relative change from the previous period (0.25 = 25 % more), None without a base."""
    if now is None or not before:
        return None
    return (now - before) / before


def median_bucket(histogram: dict[str, float]) -> str | None:
    """The histogram bucket holding the median question ("4" = within 4 hours, "more" = later
    than the last bound, "none" = not answered yet), None without questions."""
    order = [str(bound) for bound in FIRST_ANSWER_BUCKETS] + ["more", "none"]
    total = sum(histogram.get(key, 0) for key in order)
    if not total:
        return None
    running = 0.0
    for key in order:
        running += histogram.get(key, 0)
        if running >= total / 2:
            return key
    return order[-1]


def figures(period: Period) -> dict:
    """Every figure of `period` and of the period before, with daily series for the charts.
    Costs two queries (the daily rows of both periods, and the settings)."""
    before = period.previous()
    rows = DailyFigure.objects.filter(day__gte=before.first, day__lte=period.last).values_list(
        "day", "metric", "dimension", "value"
    )
    now, previous = Totals(), Totals()
    series: dict[str, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    by_dimension: dict[tuple[str, str], dict[dt.date, float]] = defaultdict(
        lambda: defaultdict(float))
    for day, metric, dimension, value in rows:
        if day >= period.first:
            now.add(metric, dimension, value)
            series[metric][day] += value
            if metric in DIMENSION_SERIES:
                by_dimension[metric, dimension][day] += value
        else:
            previous.add(metric, dimension, value)
    cost = InsightsSettings.load().cost_per_contact
    current, earlier = _derived(now, cost), _derived(previous, cost)
    return {
        "period": period,
        "previous_period": before,
        "figures": current,
        "previous": earlier,
        "changes": {key: change(value, earlier.get(key)) for key, value in current.items()
                    if isinstance(value, (int, float)) and not isinstance(value, bool)},
        "series": {metric: [series[metric].get(day, 0.0) for day in period.dates()]
                   for metric in ("searches", "deflections", "questions", "tickets",
                                  "visitors")},
        "dates": period.dates(),
        "deflections_by_context": {
            context: {kind: now["deflections", f"{kind}:{context}"]
                      for kind in ("confirmed", "implicit")}
            for context in CONTEXTS
        },
        "first_answer_histogram": now.dimensions("first_answer_hours"),
        # {(metric, dimension): {day: value}} for DIMENSION_SERIES, days of `period` only.
        "by_dimension": {key: dict(days) for key, days in by_dimension.items()},
    }


def _derived(totals: Totals, cost_per_contact: Decimal) -> dict:
    deflections = totals["deflections"]
    sessions = {c: totals["suggestion_sessions", c] for c in CONTEXTS}
    posted = {c: totals["suggestion_sessions_posted", c] for c in CONTEXTS}
    ticket_visitors = totals["ticket_visitors"]
    return {
        "visitors": totals["visitors"],
        "ticket_visitors": ticket_visitors,
        "self_service_score": ratio(totals["visitors"], ticket_visitors),
        "searches": totals["searches"],
        "search_success_rate": ratio(totals["searches_clicked"], totals["searches"]),
        "zero_result_rate": ratio(totals["searches_zero"], totals["searches"]),
        "refinement_rate": ratio(totals["searches_refined"], totals["searches"]),
        "deflections": deflections,
        "confirmed_deflections": sum(totals["deflections", f"confirmed:{c}"] for c in CONTEXTS),
        "implicit_deflections": sum(totals["deflections", f"implicit:{c}"] for c in CONTEXTS),
        "ask_deflection_rate": ratio(sessions["ask"] - posted["ask"], sessions["ask"]),
        "contact_deflection_rate": ratio(sessions["contact"] - posted["contact"],
                                         sessions["contact"]),
        "cost_saved": (Decimal(int(deflections)) * cost_per_contact).quantize(Decimal("0.01")),
        "feedback_yes": totals["feedback", "yes"],
        "feedback_no": totals["feedback", "no"],
        "helpful_rate": ratio(totals["feedback", "yes"], totals["feedback"]),
        "questions": totals["questions"],
        "answered_24h_rate": ratio(totals["questions_answered_24h"], totals["questions"]),
        "accepted_rate": ratio(totals["questions_accepted"], totals["questions"]),
        "verified_rate": ratio(totals["questions_verified"], totals["questions"]),
        "median_first_answer": median_bucket(totals.dimensions("first_answer_hours")),
        # The desk's figures (support.figures rolls them up; breaches are judged against the
        # promise as it was that day): tickets, first staff reply, breaches, CSAT and NPS.
        **support_summary(totals.values(), promise_hours=None),
        "tickets": totals["tickets"],
        # Community questions nobody answered in time, handed to the desk.
        "escalations": totals["tickets", Source.ESCALATED],
    }


@dataclass
class QueryFigure:
    language: str
    normalised: str
    example: str
    searches: int
    zero_results: int
    clicked: int
    previous_searches: int
    phrasings: list[str]

    @property
    def failed(self) -> int:
        """Searches that found nothing or that nobody clicked a result of."""
        return self.searches - self.clicked

    @property
    def trend(self) -> float | None:
        return change(float(self.searches), float(self.previous_searches))


def _query_rows(period: Period) -> list[dict]:
    """One dict per (language, normalised) need searched in `period`, with the period's sums
    and the previous period's searches (one query)."""
    before = period.previous()
    rows = (
        QueryDay.objects.filter(day__gte=before.first, day__lte=period.last)
        .values("language", "normalised")
        .annotate(
            in_period=Sum("searches", filter=Q(day__gte=period.first), default=0),
            zero_in_period=Sum("zero_results", filter=Q(day__gte=period.first), default=0),
            clicked_in_period=Sum("clicked", filter=Q(day__gte=period.first), default=0),
            before_period=Sum("searches", filter=Q(day__lt=period.first), default=0),
            sample=Max("example"),
        )
        .filter(in_period__gt=0)
        .order_by("-in_period", "normalised")
    )
    return rows


def _figure(row: dict) -> QueryFigure:
    return QueryFigure(
        language=row["language"], normalised=row["normalised"], example=row["sample"],
        searches=row["in_period"], zero_results=row["zero_in_period"],
        clicked=row["clicked_in_period"], previous_searches=row["before_period"], phrasings=[],
    )


def top_queries(period: Period, *, limit: int = TOP_QUERIES) -> list[QueryFigure]:
    """The most searched needs of the period, most frequent first (one query)."""
    return [_figure(row) for row in _query_rows(period)[:limit]]


def content_gaps(period: Period, *, threshold: int | None = None,
                 limit: int = MAX_GAPS) -> list[QueryFigure]:
    """Needs that search keeps failing: at least `threshold` searches in the period without a
    result or without a click, and fewer than a quarter clicked; most failures first, with the
    shoppers' phrasings (two queries, or three when the threshold comes from the settings)."""
    if threshold is None:
        threshold = InsightsSettings.load().gap_threshold
    rows = [
        gap for gap in map(_figure, _query_rows(period))
        if gap.failed >= threshold and gap.clicked * 4 < gap.searches
    ]
    rows.sort(key=lambda gap: (-gap.failed, gap.normalised))
    rows = rows[:limit]
    _attach_phrasings(rows, period)
    return rows


def content_gap(period: Period, *, language: str, normalised: str) -> QueryFigure | None:
    """One need of the period by its normalised form, with phrasings (the "write an article"
    action's source); None when nobody searched it."""
    row = _query_rows(period).filter(language=language, normalised=normalised).first()
    if row is None:
        return None
    gap = _figure(row)
    _attach_phrasings([gap], period)
    return gap


def _attach_phrasings(gaps: list[QueryFigure], period: Period) -> None:
    """One query whether or not there are gaps, so the page's cost never depends on data."""
    wanted = {(gap.language, gap.normalised): gap for gap in gaps}
    rows = QueryDay.objects.filter(
        day__gte=period.first, day__lte=period.last,
        normalised__in={gap.normalised for gap in gaps},
    ).values_list("language", "normalised", "phrasings", "searches").order_by("-searches")
    for language, normalised, phrasings, _searches in rows:
        gap = wanted.get((language, normalised))
        if gap is None:
            continue
        for text in phrasings:
            if text not in gap.phrasings and len(gap.phrasings) < 10:
                gap.phrasings.append(text)
