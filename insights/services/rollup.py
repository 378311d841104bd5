"""Writes of the insights app: rolling raw logs up into one row per day and dimension.

`roll_up_day` recomputes a whole day from the raw rows (delete, then insert, in one
transaction), so it is idempotent and a late answer or click is counted when the day is rolled
up again; the scheduler re-rolls the last `RECOMPUTE_DAYS` days every hour.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from community.models import PostStatus, Question
from kb.models import PageFeedback, Product
from kb.services import create_article_draft
from search.models import Deflection, SearchClick, SearchLog, SuggestionLog
from support.models import Ticket

from ..models import DailyFigure, QueryDay, RolledUpDay
from ..normalise import normalise_query
from ..products import Catalogue, wishes

# Late answers and clicks still change a day this long afterwards.
RECOMPUTE_DAYS = 8
# A ticket counts against an article its visitor read up to this long before.
READ_BEFORE_TICKET = dt.timedelta(days=1)
# Upper bounds (hours) of the time-to-first-answer histogram; the last bucket is open.
FIRST_ANSWER_BUCKETS = (1, 4, 12, 24, 48, 168)
MAX_PHRASINGS = 10

# Other apps add figures of their own (support: tickets and surveys) by registering a
# function day -> iterable of (metric, dimension, value); see `register_figures`.
_figure_providers: list[Callable[[dt.date], Iterable[tuple[str, str, float]]]] = []


def register_figures(provider: Callable[[dt.date], Iterable[tuple[str, str, float]]]) -> None:
    """Let an app contribute daily figures; `provider(day)` must read only that day's rows."""
    if provider not in _figure_providers:
        _figure_providers.append(provider)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The day as an aware [start, end) in the site's time zone."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


@transaction.atomic
def roll_up_day(day: dt.date) -> int:
    """Replace `day`'s DailyFigure and QueryDay rows with figures computed from the raw logs.
    Returns the number of figure rows written. Safe to run again and from two processes (the
    delete and insert happen in one transaction; the unique constraints hold the rest). A day
    whose raw logs were deleted after the retention keeps its rows and is not recomputed."""
    if RolledUpDay.objects.filter(day=day, purged_at__isnull=False).exists():
        return 0
    start, end = day_bounds(day)
    counts: Counter[tuple[str, str]] = Counter()
    for collect in (_searches, _visitors, _suggestions, _deflections, _feedback, _questions,
                    _article_reads, _tickets_after_reading):
        counts.update(collect(start, end))
    counts.update(_product_mentions(start, end, _catalogue()))
    for provider in _figure_providers:
        for metric, dimension, value in provider(day):
            counts[(metric, dimension)] += value
    DailyFigure.objects.filter(day=day).delete()
    DailyFigure.objects.bulk_create(
        DailyFigure(day=day, metric=metric, dimension=dimension, value=value)
        for (metric, dimension), value in sorted(counts.items()) if value
    )
    _roll_up_queries(day, start, end)
    RolledUpDay.objects.update_or_create(day=day, defaults={"rolled_at": timezone.now()})
    return len([value for value in counts.values() if value])


def roll_up_recent(*, days: int = RECOMPUTE_DAYS, today: dt.date | None = None) -> int:
    """Roll up today and the `days` days before it (the scheduled job also closes answered
    gaps and deletes expired raw logs, see `insights.tasks`)."""
    today = today or timezone.localdate()
    return sum(roll_up_day(today - dt.timedelta(days=back)) for back in range(days + 1))


def roll_up_range(first: dt.date, last: dt.date) -> int:
    """Roll up every day from `first` to `last` inclusive (the demo and back-fills)."""
    total, day = 0, first
    while day <= last:
        total += roll_up_day(day)
        day += dt.timedelta(days=1)
    return total


def _searches(start, end) -> Counter:
    rows = (
        SearchLog.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(was_clicked=Exists(SearchClick.objects.filter(search=OuterRef("pk"))))
        .values("language")
        .annotate(
            total=Count("pk"),
            clicked=Count("pk", filter=Q(was_clicked=True)),
            zero=Count("pk", filter=Q(result_count=0)),
            refined=Count("pk", filter=Q(refined_from__isnull=False)),
        )
    )
    counts: Counter = Counter()
    for row in rows:
        language = row["language"]
        counts["searches", language] += row["total"]
        counts["searches_clicked", language] += row["clicked"]
        counts["searches_zero", language] += row["zero"]
        counts["searches_refined", language] += row["refined"]
    return counts


def _visitors(start, end) -> Counter:
    """Distinct help-centre visitors of the day: anyone who searched, saw suggestions or rated
    a page (the visitor key is the same random cookie value in all three logs)."""
    window = {"created_at__gte": start, "created_at__lt": end}
    keys = set(SearchLog.objects.filter(**window).values_list("visitor", flat=True))
    keys |= set(SuggestionLog.objects.filter(**window).values_list("visitor", flat=True))
    keys |= set(
        PageFeedback.objects.filter(updated_at__gte=start, updated_at__lt=end)
        .values_list("visitor_key", flat=True)
    )
    keys.discard("")
    return Counter({("visitors", ""): len(keys)})


def _suggestions(start, end) -> Counter:
    """Suggestion sessions per context: one per visitor and context on the day, "posted" when
    the visitor submitted the form after all (then it was no deflection)."""
    rows = (
        SuggestionLog.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("visitor", "context")
        .annotate(posted=Count("pk", filter=Q(posted_at__isnull=False)))
    )
    counts: Counter = Counter()
    for row in rows:
        counts["suggestion_sessions", row["context"]] += 1
        if row["posted"]:
            counts["suggestion_sessions_posted", row["context"]] += 1
    return counts


def _deflections(start, end) -> Counter:
    rows = (
        Deflection.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("kind", "context").annotate(total=Count("pk"))
    )
    return Counter({("deflections", f"{row['kind']}:{row['context']}"): row["total"]
                    for row in rows})


def _feedback(start, end) -> Counter:
    rows = (
        PageFeedback.objects.filter(updated_at__gte=start, updated_at__lt=end)
        .values("helpful").annotate(total=Count("pk"))
    )
    return Counter({("feedback", "yes" if row["helpful"] else "no"): row["total"]
                    for row in rows})


def _questions(start, end) -> Counter:
    """Questions asked on the day (published or waiting for approval) and how quickly they got
    their first published answer, as a histogram (hours)."""
    questions = (
        Question.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(visibility=PostStatus.DELETED)
        .annotate(
            first_answer=Min("answers__created_at",
                             filter=Q(answers__visibility=PostStatus.PUBLISHED)),
            accepted=Count("answers", filter=Q(answers__is_accepted=True)),
            verified=Count("answers", filter=Q(answers__is_verified=True)),
        )
        .values("locale", "created_at", "first_answer", "accepted", "verified")
    )
    counts: Counter = Counter()
    for question in questions:
        counts["questions", question["locale"]] += 1
        counts["questions_accepted", ""] += bool(question["accepted"])
        counts["questions_verified", ""] += bool(question["verified"])
        if question["first_answer"] is None:
            counts["first_answer_hours", "none"] += 1
            continue
        hours = (question["first_answer"] - question["created_at"]).total_seconds() / 3600
        counts["questions_answered_24h", ""] += hours <= 24
        counts["first_answer_hours", _bucket(hours)] += 1
    return counts


def _page(url: str) -> str:
    """A clicked address as the page it opens (no query string, fragment or host)."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    return path[:300]


def _article_reads(start, end) -> Counter:
    """Help-centre pages opened from a search result or a suggestion on the day."""
    counts: Counter = Counter()
    for url in SearchClick.objects.filter(created_at__gte=start, created_at__lt=end)\
            .values_list("url", flat=True):
        counts["article_reads", _page(url)] += 1
    for url in SuggestionLog.objects.filter(clicked_at__gte=start, clicked_at__lt=end)\
            .exclude(clicked_url="").values_list("clicked_url", flat=True):
        counts["article_reads", _page(url)] += 1
    return counts


def _tickets_after_reading(start, end) -> Counter:
    """Per page: tickets created on the day by a visitor who had opened that page in the day
    before the ticket (from the search and suggestion logs by the visitor key, and from the
    trail support stored on the ticket). A ticket counts once per page."""
    tickets = list(Ticket.objects.filter(created_at__gte=start, created_at__lt=end)
                   .values_list("visitor", "created_at", "trail"))
    visitors = {visitor for visitor, _at, _trail in tickets if visitor}
    since = start - READ_BEFORE_TICKET
    reads: dict[str, list] = defaultdict(list)
    for visitor, url, at in SearchClick.objects.filter(
        search__visitor__in=visitors, created_at__gte=since, created_at__lt=end
    ).values_list("search__visitor", "url", "created_at"):
        reads[visitor].append((at, url))
    for visitor, url, at in SuggestionLog.objects.filter(
        visitor__in=visitors, clicked_at__gte=since, clicked_at__lt=end
    ).exclude(clicked_url="").values_list("visitor", "clicked_url", "clicked_at"):
        reads[visitor].append((at, url))
    counts: Counter = Counter()
    for visitor, created_at, trail in tickets:
        pages = {_page(url) for url in (trail or {}).get("pages", [])}
        pages |= {_page(url) for at, url in reads.get(visitor, ())
                  if created_at - READ_BEFORE_TICKET <= at <= created_at}
        for page in pages:
            counts["article_read_tickets", page] += 1
    return counts


def _catalogue() -> Catalogue:
    return Catalogue.from_products(Product.objects.values_list("slug", "name", "sku"))


def _product_mentions(start, end, catalogue: Catalogue) -> Counter:
    """Searches, questions and tickets of the day that name a product ("product_mentions",
    dimension "search:aroma-300"), and the things asked for that the catalogue does not have
    ("product_wishes", dimension "nl:espressomachine")."""
    window = {"created_at__gte": start, "created_at__lt": end}
    texts = [("search", language, query, None) for language, query in
             SearchLog.objects.filter(**window).values_list("language", "query")]
    texts += [("question", locale, title, slug) for locale, title, slug in
              Question.objects.filter(**window).exclude(visibility=PostStatus.DELETED)
              .values_list("locale", "title", "product__slug")]
    texts += [("ticket", language, subject, None) for language, subject in
              Ticket.objects.filter(**window).values_list("language", "subject")]
    counts: Counter = Counter()
    for source, language, text, linked in texts:
        for slug in catalogue.products_in(text) | ({linked} if linked else set()):
            counts["product_mentions", f"{source}:{slug}"] += 1
        for thing in set(wishes(text, catalogue)):
            counts["product_wishes", f"{language}:{thing}"[:300]] += 1
    return counts


def _bucket(hours: float) -> str:
    for bound in FIRST_ANSWER_BUCKETS:
        if hours <= bound:
            return str(bound)
    return "more"


def _roll_up_queries(day: dt.date, start, end) -> None:
    searches = (
        SearchLog.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(was_clicked=Exists(SearchClick.objects.filter(search=OuterRef("pk"))))
        .values_list("language", "query", "result_count", "was_clicked")
    )
    groups: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"phrasings": Counter(), "searches": 0, "zero": 0, "clicked": 0}
    )
    for language, query, result_count, was_clicked in searches:
        normalised = normalise_query(query, language)
        if not normalised:
            continue
        group = groups[language, normalised]
        group["phrasings"][query.strip().lower()] += 1
        group["searches"] += 1
        group["zero"] += result_count == 0
        group["clicked"] += bool(was_clicked)
    QueryDay.objects.filter(day=day).delete()
    QueryDay.objects.bulk_create(
        QueryDay(
            day=day, language=language, normalised=normalised[:200],
            example=group["phrasings"].most_common(1)[0][0][:200],
            phrasings=[text for text, _n in group["phrasings"].most_common(MAX_PHRASINGS)],
            searches=group["searches"], zero_results=group["zero"], clicked=group["clicked"],
        )
        for (language, normalised), group in groups.items()
    )



def draft_article_for_gap(*, gap, category, by):
    """A help-centre draft for a content gap: the most frequent phrasing as its title and the
    shoppers' phrasings in the body for the editor to answer, created through kb's service (so
    the permission check, the slug and the editors' workflow are kb's). Returns the page."""
    with translation.override(gap.language):
        intro = _("Shoppers searched for this %(count)s times in this period without finding "
                  "an answer. This is how they asked it:") % {"count": gap.searches}
        todo = _("Write the answer here, then send the page for review.")
    phrasings = "".join(f"<li>{escape(text)}</li>" for text in gap.phrasings or [gap.example])
    title = gap.example[:1].upper() + gap.example[1:]
    return create_article_draft(
        title=title, body_html=f"<p>{escape(intro)}</p><ul>{phrasings}</ul><p>{escape(todo)}</p>",
        category=category, locale_code=gap.language, credit="", source_url="", by=by,
    )
