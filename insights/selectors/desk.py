"""The desk over time: tickets per day by source and by topic (from the rolled-up "tickets"
and "tickets_topic" rows that `figures` already read), CSAT and NPS per week, and the latest
survey answers with a comment (read from support's surveys)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language, gettext

from support.figures import summary as support_summary
from support.models import Source, SurveyInvitation, Topic

from ..services import day_bounds
from .figures import Period

MAX_COMMENTS = 10
NO_TOPIC = ""  # the dimension of tickets made without a topic


@dataclass
class Line:
    """One dataset of a chart: a source or a topic and its count per day of the period."""

    key: str
    label: str
    values: list[float]

    @property
    def total(self) -> float:
        return sum(self.values)


def topic_names() -> dict[str, str]:
    """slug -> the topic's name in the active language, for every topic (one query; the
    list is short and the query is the same whatever the period)."""
    english = (get_language() or "nl").startswith("en")
    return {slug: (en if english else nl) for slug, nl, en in
            Topic.objects.order_by("sort_order", "slug").values_list("slug", "name_nl",
                                                                     "name_en")}


def tickets_over_time(result: dict, topics: dict[str, str]) -> dict:
    """{"dates", "by_source": [Line] (every source, in the order of `Source`), "by_topic":
    [Line] (the topics that had tickets in the period, in the topics' order; tickets without
    a topic last), "total"} from `figures(period)`. No query."""
    dates = result["dates"]
    series = result["by_dimension"]

    def values(metric, dimension):
        days = series.get((metric, dimension), {})
        return [days.get(day, 0.0) for day in dates]

    by_source = [Line(source.value, str(source.label), values("tickets", source.value))
                 for source in Source]
    used = {dimension for metric, dimension in series if metric == "tickets_topic"}
    ordered = [slug for slug in topics if slug in used]
    ordered += sorted(used - set(topics) - {NO_TOPIC})  # topics deleted since
    ordered += [NO_TOPIC] if NO_TOPIC in used else []
    by_topic = [Line(slug, topics.get(slug) or slug or gettext("No topic"),
                     values("tickets_topic", slug)) for slug in ordered]
    by_topic = [line for line in by_topic if line.total]
    return {"dates": dates, "by_source": by_source, "by_topic": by_topic,
            "total": sum(line.total for line in by_source)}


@dataclass
class SurveyWeek:
    first: dt.date
    last: dt.date
    csat_answers: int
    csat_average: float | None
    nps_answers: int
    nps: float | None


def survey_weeks(result: dict) -> list[SurveyWeek]:
    """CSAT and NPS per calendar week (Monday to Sunday, cut to the period), oldest first,
    from `figures(period)`. No query."""
    weeks: dict[dt.date, dict] = {}
    for day in result["dates"]:
        week = weeks.setdefault(_monday(day), {"first": day, "sums": {}})
        week["last"] = day
    for (metric, dimension), days in result["by_dimension"].items():
        if metric not in ("csat", "nps"):
            continue
        for day, value in days.items():
            sums = weeks[_monday(day)]["sums"]
            sums[metric, dimension] = sums.get((metric, dimension), 0) + value
    return [_survey_week(week) for week in weeks.values()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _survey_week(week: dict) -> SurveyWeek:
    sums = week["sums"]
    figures = support_summary(sums, promise_hours=None)
    return SurveyWeek(
        first=week["first"], last=week["last"],
        csat_answers=int(sums.get(("csat", "count"), 0)), csat_average=figures["csat_average"],
        nps_answers=int(sum(v for (name, _d), v in sums.items() if name == "nps")),
        nps=figures["nps"],
    )


@dataclass
class SurveyComment:
    kind: str  # "csat" or "nps"
    score: int
    answered_at: dt.datetime
    comment: str
    ticket_id: int | None
    reference: str
    topic: str

    @property
    def max_score(self) -> int:
        return 5 if self.kind == SurveyInvitation.Kind.CSAT else 10


def survey_comments(period: Period, *, limit: int = MAX_COMMENTS) -> list[SurveyComment]:
    """The period's latest survey answers that came with a comment, newest first, with their
    ticket and topic. One query."""
    start, end = day_bounds(period.first)[0], day_bounds(period.last)[1]
    rows = (
        SurveyInvitation.objects.filter(answered_at__gte=start, answered_at__lt=end,
                                        score__isnull=False)
        .exclude(comment="")
        .select_related("ticket", "topic")
        .order_by("-answered_at", "-pk")[:limit]
    )
    return [
        SurveyComment(kind=row.kind, score=row.score, answered_at=row.answered_at,
                      comment=row.comment, ticket_id=row.ticket_id,
                      reference=row.ticket.reference if row.ticket_id else "",
                      topic=row.topic.name if row.topic_id else "")
        for row in rows
    ]
