"""Demo traffic: 90 days of searches, clicks, suggestions, deflections and article feedback,
written through search's and kb's own logging code and then rolled up, so every chart on the
dashboard shows a real curve after `make run`. Deterministic (a fixed seed) and idempotent."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from kb.models import ArticlePage, PageFeedback
from search import services as search_services
from search.models import Deflection, SearchClick, SearchLog, SuggestionLog

from .models import DailyFigure
from .services import day_bounds, roll_up_range

DAYS = 90
SEED = 20261201
# (phrasing as shoppers type it, language, results it finds). A zero marks a content gap.
PHRASINGS = [
    ("retourneren", "nl", 6), ("waar is mijn pakket", "nl", 8), ("retourlabel kwijt", "nl", 3),
    ("geld terug", "nl", 5), ("bestelling annuleren", "nl", 4), ("verzendkosten", "nl", 5),
    ("klarna", "nl", 3), ("ideal betaling mislukt", "nl", 4), ("wachtwoord vergeten", "nl", 2),
    ("ontkalken", "nl", 4), ("aroma 300 ontkalken", "nl", 3), ("pakket beschadigd", "nl", 3),
    ("bezorgen in belgie", "nl", 2), ("kortingscode werkt niet", "nl", 3),
    ("garantie", "nl", 4), ("cadeaubon", "nl", 2), ("afhaalpunt", "nl", 3),
    ("factuur", "nl", 2), ("koptelefoon bluetooth", "nl", 2), ("account verwijderen", "nl", 2),
    ("storm vertraging", "nl", 0), ("levering zondag", "nl", 0), ("apple pay", "nl", 0),
    ("studentenkorting", "nl", 0), ("bezorgen in duitsland", "nl", 0),
    ("where is my parcel", "en", 4), ("return an item", "en", 4), ("refund", "en", 3),
    ("delivery costs", "en", 3), ("ship to germany", "en", 0), ("zephyr x accu", "nl", 2),
    ("hebben jullie ook een espressomachine", "nl", 0), ("do you sell gift wrapping", "en", 0),
]
# A need that appeared last week and fails every time: the search gap a moderator sees
# offered as a community question (two shoppers a day).
NEW_NEED, NEW_NEED_DAYS, NEW_NEED_PER_DAY = "bezorgen op zondag", 7, 2
CONTEXTS = ("header", "ask", "contact")


def seed_traffic(days: int = DAYS) -> None:
    """`days` days of traffic ending today; nothing when the first of them is rolled up."""
    today = timezone.localdate()
    first = today - dt.timedelta(days=days - 1)
    if DailyFigure.objects.filter(day=first).exists():
        return
    rng = random.Random(SEED)
    weights = [1 / (rank + 1) for rank in range(len(PHRASINGS))]  # Zipf over the phrasings
    articles = list(ArticlePage.objects.live().values_list("pk", flat=True)[:20])
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        # Slow growth with a weekly rhythm: quieter at weekends.
        volume = int((25 + offset * 0.3) * (0.7 if day.weekday() >= 5 else 1.0))
        _searches(rng, day, volume, weights, offset, new_need=offset >= days - NEW_NEED_DAYS)
        _suggestions(rng, day, volume // 3, weights, offset)
        _feedback(rng, day, articles, offset)
    roll_up_range(first, today)


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    start, _end = day_bounds(day)
    return start + dt.timedelta(hours=rng.randint(8, 22), minutes=rng.randint(0, 59))


def _searches(rng, day, volume, weights, offset, *, new_need: bool) -> None:
    made = []
    for n in range(volume):
        query, language, results = rng.choices(PHRASINGS, weights)[0]
        row = search_services.log_search(query=query, language=language, result_count=results,
                                         took_ms=rng.randint(4, 40),
                                         visitor=f"demo-{offset}-{n}")
        if results and rng.random() < 0.62:
            search_services.record_click(search=row, position=rng.randint(1, 3),
                                         url=f"/{language}/")
        made.append(row.pk)
    if new_need:
        for n in range(NEW_NEED_PER_DAY):
            made.append(search_services.log_search(
                query=NEW_NEED, language="nl", result_count=0, took_ms=rng.randint(4, 40),
                visitor=f"demo-new-{offset}-{n}").pk)
    _backdate(rng, day, SearchLog.objects.filter(pk__in=made))
    SearchClick.objects.filter(search_id__in=made).update(created_at=_moment(rng, day))


def _suggestions(rng, day, volume, weights, offset) -> None:
    made = []
    for n in range(volume):
        query, language, results = rng.choices(PHRASINGS, weights)[0]
        context = rng.choices(CONTEXTS, (5, 3, 2))[0]
        row = search_services.log_suggestions(query=query, language=language, context=context,
                                              shown=max(results, 1), visitor=f"demo-s{offset}-{n}")
        made.append(row.pk)
        roll = rng.random()
        if context != "header" and roll < 0.35:
            search_services.record_form_posted(suggestion=row)
        elif results and roll < 0.55:
            search_services.confirm_deflection(suggestion=row, document="demo", url=f"/{language}/")
        elif results and roll < 0.75:
            Deflection.objects.create(kind=Deflection.Kind.IMPLICIT, context=context,
                                      suggestion=row, query=query, document="demo",
                                      url=f"/{language}/", visitor=row.visitor)
    _backdate(rng, day, SuggestionLog.objects.filter(pk__in=made))
    _backdate(rng, day, Deflection.objects.filter(suggestion_id__in=made))


def _feedback(rng, day, articles, offset) -> None:
    if not articles:
        return
    made = []
    for n in range(rng.randint(2, 6)):
        helpful = rng.random() < 0.78
        row = PageFeedback.objects.create(
            page_id=rng.choice(articles), visitor_key=f"demo-f{offset}-{n}", helpful=helpful,
            reason="" if helpful else "incomplete",
        )
        made.append(row.pk)
    moment = _moment(rng, day)
    PageFeedback.objects.filter(pk__in=made).update(created_at=moment, updated_at=moment)


def _backdate(rng, day, queryset) -> None:
    queryset.update(created_at=_moment(rng, day))


def grant_dashboard() -> None:
    """Editors (and customer service, once its group exists) may read the insights."""
    permission = Permission.objects.get(codename="view_dailyfigure")
    for name in ("Editors", "Reviewers", "Klantenservice"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(permission)


STEPS = [
    (70, "insights: 90 days of traffic", seed_traffic),
    (71, "insights: who may read the dashboard", grant_dashboard),
]
