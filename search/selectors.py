"""Reads for the search page and the suggestion endpoint. The view calls these and knows no
models: content types come from the registry, hits from the configured backend."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from wagtail.search.utils import normalise_query_string

from .analysis import fold, language_analyzer
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
                            per_page=PER_PAGE)
    response = backend.search(request)
    corrected = False
    if response.total == 0 and response.correction:
        retry = backend.search(SearchRequest(**{**request.__dict__, "text": response.correction}))
        if retry.total:
            retry.correction, response, corrected = response.correction, retry, True
    took = int((time.perf_counter() - started) * 1000)
    normalised = normalise(query)
    return SearchPage(
        query=query, normalised=normalised, response=response, page=request.page,
        per_page=PER_PAGE, took_ms=took,
        promoted=promotions([normalised, normalise_query_string(query)], language),
        announcements=matching_announcements(query, language), corrected_results=corrected,
    )


def suggest(*, query: str, language: str, limit: int = 5) -> list[Hit]:
    """Top hits for a partial, possibly misspelled query, for as-you-type suggestions."""
    return get_backend().suggest(query, language, limit)


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
