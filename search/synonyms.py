"""Query-time synonyms from the editors' `SynonymSet` snippets, for every backend.

`expand(text, language)` returns the words to add to a query: for each term (a word or a
phrase, matched on folded whole words) found in the query, the other terms of its two-way set,
or its one-way expansions. The rules per language are cached in the shared cache and dropped
whenever a set is saved or deleted (`forget`, connected in `apps.py`), so a search costs no
extra SQL query once the cache is warm.
"""

from __future__ import annotations

from django.core.cache import cache

from .analysis import fold

CACHE_KEY = "search:synonyms:{language}"
MAX_EXTRA_WORDS = 24


def split_terms(text: str) -> list[str]:
    return [term for term in (fold(part) for part in text.split(",")) if term]


def rules(language: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """[(terms, what each term adds)] for `language`; one SQL query when not cached."""
    key = CACHE_KEY.format(language=language)
    cached = cache.get(key)
    if cached is not None:
        return cached
    from .models import SynonymSet

    result = []
    for terms_text, expansions_text in SynonymSet.objects.filter(language=language).values_list(
        "terms", "expansions"
    ):
        terms, expansions = split_terms(terms_text), split_terms(expansions_text)
        if expansions:
            result += [((term,), tuple(expansions)) for term in terms]
        else:
            result += [((term,), tuple(t for t in terms if t != term)) for term in terms]
    cache.set(key, result, timeout=None)
    return result


def expand(text: str, language: str) -> tuple[str, ...]:
    """Words to add to the query `text` (folded), without those already in it."""
    folded = f" {fold(text)} "
    present = set(folded.split())
    extra: list[str] = []
    for (term,), adds in rules(language):
        if f" {term} " not in folded:
            continue
        for phrase in adds:
            extra += [word for word in phrase.split() if word not in present | set(extra)]
    return tuple(extra[:MAX_EXTRA_WORDS])


def forget(**kwargs) -> None:
    for language in ("nl", "en"):
        cache.delete(CACHE_KEY.format(language=language))
