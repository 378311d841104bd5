"""Searches that keep failing now, and the community questions moderators made of them.

A need (language and normalised form) is failing when, in the last `WINDOW_DAYS` days, at least
`InsightsSettings.question_threshold` different visitors searched it and found no result or
clicked none, and fewer than a quarter of its searches led to a click. Read from the raw search
logs (a distinct-visitor count cannot be summed from daily rows); the window is far inside the
retention."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from search.models import SearchClick, SearchLog

from ..models import GapQuestion, InsightsSettings
from ..normalise import normalise_query

WINDOW_DAYS = 7
MAX_FAILING = 20
MAX_PHRASINGS = 10


@dataclass
class FailingSearch:
    language: str
    normalised: str
    visitors: int = 0  # distinct visitors whose search failed
    searches: int = 0
    clicked: int = 0
    phrasings: list[str] = field(default_factory=list)
    question: GapQuestion | None = None

    @property
    def example(self) -> str:
        return self.phrasings[0] if self.phrasings else self.normalised


def failing_searches(*, now: dt.datetime | None = None, threshold: int | None = None,
                     limit: int | None = MAX_FAILING) -> list[FailingSearch]:
    """Failing needs of the last week, most visitors first, each with the gap question made of
    it (if any). Three queries (searches, gap questions, settings; two with a `threshold`)."""
    if threshold is None:
        threshold = InsightsSettings.load().question_threshold
    needs = [need for need in _needs(now).values()
             if need.visitors >= threshold and need.clicked * 4 < need.searches]
    needs.sort(key=lambda need: (-need.visitors, need.normalised))
    needs = needs[:limit]
    questions = gap_states(needs)
    for need in needs:
        need.question = questions.get((need.language, need.normalised))
    return needs


def gap_states(needs) -> dict[tuple[str, str], GapQuestion]:
    """The gap questions made of `needs` (anything with `language` and `normalised`: failing
    searches, content gaps), by (language, normalised form). One query, also without needs."""
    rows = GapQuestion.objects.select_related("question").filter(
        normalised__in={need.normalised for need in needs})
    wanted = {(need.language, need.normalised) for need in needs}
    return {(g.language, g.normalised): g for g in rows if (g.language, g.normalised) in wanted}


def failing_search(*, language: str, normalised: str,
                   now: dt.datetime | None = None) -> FailingSearch | None:
    """That need when it is failing now (the moderator action's check), else None."""
    for need in failing_searches(now=now, limit=None):
        if (need.language, need.normalised) == (language, normalised):
            return need
    return None


def gap_questions(*, limit: int | None = 20) -> list[GapQuestion]:
    """Gap questions, newest first, with their community question (one query)."""
    rows = GapQuestion.objects.select_related("question").order_by("-created_at", "-pk")
    return list(rows if limit is None else rows[:limit])


def _needs(now) -> dict[tuple[str, str], FailingSearch]:
    since = (now or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)
    rows = (
        SearchLog.objects.filter(created_at__gte=since)
        .annotate(was_clicked=Exists(SearchClick.objects.filter(search=OuterRef("pk"))))
        .values_list("language", "query", "visitor", "result_count", "was_clicked")
    )
    needs: dict[tuple[str, str], FailingSearch] = {}
    visitors: dict[tuple[str, str], set] = defaultdict(set)
    phrasings: dict[tuple[str, str], Counter] = defaultdict(Counter)
    forms: dict[tuple[str, str], str] = {}
    for language, query, visitor, results, clicked in rows:
        if (language, query) not in forms:
            forms[language, query] = normalise_query(query, language)
        key = (language, forms[language, query])
        if not key[1]:
            continue
        need = needs.setdefault(key, FailingSearch(language=language, normalised=key[1]))
        need.searches += 1
        need.clicked += bool(clicked)
        phrasings[key][query.strip().lower()] += 1
        if (results == 0 or not clicked) and visitor:
            visitors[key].add(visitor)
    for key, need in needs.items():
        need.visitors = len(visitors[key])
        need.phrasings = [text for text, _n in phrasings[key].most_common(MAX_PHRASINGS)]
    return needs
