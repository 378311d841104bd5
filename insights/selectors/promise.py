"""The live figures on the kb service promise page: how fast the community answers, over the
last 30 days, cached for ten minutes (kb shows them through `kb.selectors`' registry, filled
in `InsightsConfig.ready()`, so kb never imports insights)."""

from __future__ import annotations

import datetime as dt
import statistics

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import PostStatus, Question

WINDOW = dt.timedelta(days=30)
CACHE_SECONDS = 10 * 60
CACHE_KEY = "insights:promise-figures"


def community_response(*, now: dt.datetime | None = None) -> dict:
    """{"questions": asked in the last 30 days, "median_first_answer": timedelta or None,
    "answered_24h_rate": share with a published answer within 24 h, None without questions}.
    One query."""
    now = now or timezone.now()
    rows = (
        Question.objects.filter(created_at__gte=now - WINDOW, created_at__lt=now)
        .exclude(visibility=PostStatus.DELETED)
        .annotate(first_answer=Min("answers__created_at",
                                   filter=Q(answers__visibility=PostStatus.PUBLISHED)))
        .values_list("created_at", "first_answer")
    )
    waits = [(first - asked) for asked, first in rows if first is not None]
    asked = len(rows)
    return {
        "questions": asked,
        "median_first_answer": statistics.median(waits) if waits else None,
        "answered_24h_rate": (sum(w <= dt.timedelta(hours=24) for w in waits) / asked
                              if asked else None),
    }


def cached_community_response() -> dict:
    """`community_response()`, computed at most once every ten minutes."""
    return cache.get_or_set(CACHE_KEY, community_response, CACHE_SECONDS)


def duration(value: dt.timedelta) -> str:
    minutes = round(value.total_seconds() / 60)
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = round(hours / 24)
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def promise_figures(page) -> list[dict]:
    """The service promise page's live figures, in the active language: [{label, value,
    definition}], empty when nobody asked anything in the last 30 days."""
    figures = cached_community_response()
    if not figures["questions"]:
        return []
    shown = []
    if figures["median_first_answer"] is not None:
        shown.append({
            "label": _("Median time to a first answer in the community"),
            "value": duration(figures["median_first_answer"]),
            "definition": _("Over the questions asked in the last 30 days that got an answer."),
        })
    shown.append({
        "label": _("Questions answered within 24 hours"),
        "value": f"{round(figures['answered_24h_rate'] * 100)} %",
        "definition": ngettext("Of the %(n)d question asked in the last 30 days.",
                               "Of the %(n)d questions asked in the last 30 days.",
                               figures["questions"]) % {"n": figures["questions"]},
    })
    return shown
