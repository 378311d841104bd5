"""Reads for the search page and the suggestion endpoint. The view calls these and knows no
models: content types come from the registry, hits from the configured backend."""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.search.utils import normalise_query_string

from . import ranking, synonyms
from .analysis import edit_distance, fold, language_analyzer
from .backends import FACETS, Hit, SearchRequest, SearchResponse, get_backend
from .registry import registry

PER_PAGE = 10


@dataclass
class SearchPage:
    query: str
    normalised: str
    response: SearchResponse
    page: int
    per_page: int
    took_ms: int
    promoted: list[dict] = field(default_factory=list)
    announcements: list = field(default_factory=list)
    corrected_results: bool = False  # nothing matched; hits are for `response.correction`
    original_total: int = 0  # results of the query as typed (what the log records)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.response.total // self.per_page))


def normalise(query: str) -> str:
    """What the logs and search promotions key on: folded words, single spaces."""
    return fold(query)[:200]


def search(*, query: str, language: str, filters: dict[str, str] | None = None,
           page: int = 1) -> SearchPage:
    """One page of results for `query` in `language`, with facets, "did you mean", editor
    picks and matching announcements. Nothing matched but a correction did: its hits instead.
    Costs the backend searches plus two SQL queries (promotions, announcements)."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    started = time.perf_counter()
    backend = get_backend()
    request = SearchRequest(text=query, language=language, filters=filters, page=max(1, page),
                            per_page=PER_PAGE, expansions=synonyms.expand(query, language))
    response, original_total, corrected = _cached_answer(backend, request)
    took = int((time.perf_counter() - started) * 1000)
    normalised = normalise(query)
    return SearchPage(
        query=query, normalised=normalised, response=response, page=request.page,
        per_page=PER_PAGE, took_ms=took,
        promoted=promotions([normalised, normalise_query_string(query)], language),
        announcements=matching_announcements(query, language), corrected_results=corrected,
        original_total=original_total,
    )


RESULT_CACHE_SECONDS = 600


def _cached_answer(backend, request: SearchRequest) -> tuple[SearchResponse, int, bool]:
    """The backend's answer from the Django cache when the same normalised query, filters,
    language, page and synonym expansions were answered at the same index generation. Every
    index write changes the generation, so a new answer is searchable as soon as it is
    indexed; backends without a generation are not cached."""
    generation = backend.generation()  # read once: on PostgreSQL it is a query
    key = _cache_key(generation, request)
    if key is None:
        return _answer(backend, request, generation)
    cached = cache.get(key)
    if cached is None:
        cached = _answer(backend, request, generation)
        cache.set(key, cached, RESULT_CACHE_SECONDS)
    return cached


def result_cache_key(backend, request: SearchRequest) -> str | None:
    return _cache_key(backend.generation(), request)


def _cache_key(generation: str | None, request: SearchRequest) -> str | None:
    if generation is None:
        return None
    payload = json.dumps([generation, normalise(request.text), sorted(request.filters.items()),
                          request.language, request.page, request.per_page,
                          list(request.expansions)])
    return "search:result:" + hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()


def _answer(backend, request: SearchRequest,
            generation: str | None) -> tuple[SearchResponse, int, bool]:
    """The backend's answer with one hit per video. A correction is kept only when it finds
    something in the page's language: the spelling vocabulary holds every language's words,
    and an English page must not suggest "retour"."""
    response = _ranked(backend, request, generation)
    original_total, corrected = response.total, False
    if response.correction:
        again = SearchRequest(**{**request.__dict__, "text": response.correction})
        if response.total:
            # Only offered as a link: whether it finds anything is all we need to know (a
            # second full search doubled the cost of every query with a typo).
            if not backend.matches(again):
                response.correction = ""
            return response, original_total, corrected
        retry = _ranked(backend, again, generation)
        if not retry.total:
            response.correction = ""
        elif close_correction(backend, request.text, response.correction):
            retry.correction, response, corrected = response.correction, retry, True
    return response, original_total, corrected


# The search page's first places are ranked as the suggestions are, lexical and meaning mixed
# (`ranking.blend`); beyond them the backend's lexical order goes on.
BLENDED_PLACES = ranking.LEXICAL_CANDIDATES
PAGE_DENSE_MIN = ranking.DENSE_MIN


def _ranked(backend, request: SearchRequest, generation: str | None) -> SearchResponse:
    """The page `request` asks for, one hit per video. The first `BLENDED_PLACES` of the
    backend's lexical hits are re-ranked with their similarity in meaning, as suggestions
    are. When they are all the words matched, documents found by meaning alone may join where
    they make the first page ("pakket kwijt" finds "Waar is mijn pakket?"); a broader query's
    later pages are the backend's own, so every result is on exactly one page. A query whose
    words match nothing keeps its empty page: what shoppers look for in vain is what the
    zero-result log is for. Facet counts stay those of the words."""
    start = (request.page - 1) * request.per_page
    head = _head(backend, request, generation)
    if start < BLENDED_PLACES or len(head.hits) >= head.total:
        return replace(head, hits=head.hits[start:start + request.per_page])
    return one_hit_per_group(backend.search(request))


def _head(backend, request: SearchRequest, generation: str | None) -> SearchResponse:
    """The first `BLENDED_PLACES` of `request`'s ranking (more when documents found by meaning
    joined), shared by its pages through the result cache."""
    first = replace(request, page=1, per_page=BLENDED_PLACES)
    key = _cache_key(generation, first)
    head = cache.get(key + ":head") if key else None
    if head is not None:
        return head
    head = backend.search(first)
    if head.total:
        lexical = head.hits
        everything = head.total <= len(lexical)
        language = request.filters.get("language") or request.language
        head.hits = ranking.blend(
            request.text, language, lexical, len(lexical) + ranking.DENSE_CANDIDATES,
            admit=_admitted_by(request.filters) if everything else _nothing,
            added_within=PER_PAGE, floor=PAGE_DENSE_MIN)
        head.total += len(head.hits) - len(lexical)
    head = one_hit_per_group(head)
    if key:
        cache.set(key + ":head", head, RESULT_CACHE_SECONDS)
    return head


def _nothing(row) -> bool:
    return False


def _admitted_by(filters: dict[str, str]):
    """Whether a document found by meaning alone passes the page's facet filters. Its stored
    fields hold no tags, so under a tag filter only the words' matches are shown."""
    if filters.get("tag"):
        return _nothing
    wanted = {name: value for name, value in filters.items()
              if name in ("type", "category", "product") and value}
    return lambda row: all(getattr(row, name) == value for name, value in wanted.items())


def one_hit_per_group(response: SearchResponse) -> SearchResponse:
    """Drops a hit whose group (a video, whose chapters are documents of their own) already
    has a better hit in `response`, for content types that ask for it."""
    single = {t.name for t in registry if t.one_hit_per_group}
    seen, kept = set(), []
    for hit in response.hits:
        group = hit.key.split("#", 1)[0]
        if hit.type in single and group in seen:
            continue
        seen.add(group)
        kept.append(hit)
    response.total -= len(response.hits) - len(kept)
    response.hits = kept
    return response


CORRECTION_MIN_DOCUMENTS = 3


def close_correction(backend, query: str, correction: str) -> bool:
    """May "did you mean" replace a query that found nothing? Only when every changed word is
    one edit away ("retourr" -> "retour") from a word at least `CORRECTION_MIN_DOCUMENTS`
    documents hold; otherwise ("storm" -> "start") it is offered as a link only."""
    original, changed = fold(query).split(), correction.split()
    if not correction or len(original) != len(changed):
        return False
    pairs = [(a, b) for a, b in zip(original, changed, strict=True) if a != b]
    return bool(pairs) and all(
        edit_distance(a, b) == 1 and backend.frequency(b) >= CORRECTION_MIN_DOCUMENTS
        for a, b in pairs
    )


def suggest(*, query: str, language: str, limit: int = 5, context: str = "header") -> list[Hit]:
    """Top hits for a partial, possibly misspelled query, for as-you-type suggestions. Only
    the header box treats the last word as unfinished (prefix matching), and only while the
    visitor is still typing it; the ask and contact forms send whole titles."""
    typing = context == "header" and query[-1:].isalnum()
    text = query.strip()
    lexical = get_backend().suggest(text, language, ranking.LEXICAL_CANDIDATES, prefix=typing,
                                    expansions=synonyms.expand(text, language))
    # A few spare hits, so that a video's second chapter dropped below still leaves `limit`.
    blended = ranking.blend(text, language, lexical, limit + 3)
    return one_hit_per_group(SearchResponse(hits=blended, total=len(blended))).hits[:limit]


def type_labels() -> dict[str, str]:
    return {name: str(label) for name, label in registry.labels().items()}


def promotions(query_strings: list[str], language: str) -> list[dict]:
    """Editors' picks for this query (wagtail.contrib.search_promotions), live pages in the
    visitor's language and external links, in the editors' order. One SQL query."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    picks = (
        SearchPromotion.objects.filter(query__query_string__in=set(query_strings))
        .select_related("page", "page__locale").order_by("sort_order")
    )
    result = []
    for pick in picks:
        if pick.page_id:
            page = pick.page
            if not page.live or page.locale.language_code != language:
                continue
            result.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            result.append({"title": pick.external_link_text or pick.external_link_url,
                           "url": pick.external_link_url, "description": pick.description})
    return result


def matching_announcements(query: str, language: str) -> list:
    """Active announcements in `language` sharing a (stemmed) word with the query."""
    from kb.models import Announcement

    analyzer = language_analyzer(language)
    words = {t.text for t in analyzer(query) if len(t.text) > 2}
    if not words:
        return []
    active = Announcement.objects.active().filter(locale__language_code=language)
    return [a for a in active
            if words & {t.text for t in analyzer(f"{a.title} {strip_tags(a.message)}")}]


POPULAR_DAYS = 90
POPULAR_LIMIT = 8
START_CACHE_SECONDS = 600


def search_start(language: str) -> dict:
    """What the search page offers before anything is typed: popular searches and the help
    centre's top-level topics in `language`. Cached for ten minutes; two SQL queries when
    not cached."""
    key = f"search:start:{language}"
    start = cache.get(key)
    if start is None:
        start = {"popular": popular_searches(language), "topics": topics(language)}
        cache.set(key, start, START_CACHE_SECONDS)
    return start


def popular_searches(language: str, *, limit: int = POPULAR_LIMIT) -> list[str]:
    """The queries most visitors searched in `language` in the last `POPULAR_DAYS` days and
    found something for. Privacy: a query counts only once `SEARCH_POPULAR_MIN_VISITORS`
    different visitors searched it (so one shopper's own words never show), and a query with
    anything personal in it (order number, e-mail, postcode, ...) never does. One query."""
    from community import pii

    from .models import SearchLog

    since = timezone.now() - datetime.timedelta(days=POPULAR_DAYS)
    rows = (
        SearchLog.objects.filter(language=language, created_at__gte=since, result_count__gt=0)
        .exclude(visitor="").exclude(query="")
        .values("query").annotate(visitors=Count("visitor", distinct=True))
        .filter(visitors__gte=settings.SEARCH_POPULAR_MIN_VISITORS)
        .order_by("-visitors", "query")[: limit * 2]
    )
    queries = [row["query"] for row in rows if not pii.find(row["query"])]
    return queries[:limit]


def topics(language: str) -> list[dict]:
    """The help centre's top-level categories in `language`: title and URL. One query."""
    from kb.selectors import categories

    found = list(categories(language))
    top = min((c.depth for c in found), default=0)
    return [{"title": c.title, "url": c.url} for c in found if c.depth == top]
