"""The interface every search backend implements, and the plain values it exchanges.

A backend stores `Document`s (see `search.registry`) replaced a whole *group* at a time, and
answers `SearchRequest`s. Writes happen only under `writer_lock()` (one writer at a time, see
`search.indexing`); reads never take it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..registry import Document

FACETS = ("type", "category", "product", "tag", "language")
# Matches are counted up to this many; beyond, the page says "more than 1,000 results".
# Counting every match of a broad query at 100,000 documents cost more than ranking them.
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class SearchRequest:
    text: str
    language: str
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    # Extra words that also match (synonyms, see `search.synonyms`); never spell-corrected.
    expansions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    key: str
    type: str
    language: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    category: str = ""
    product: str = ""
    tags: tuple[str, ...] = ()
    score: float = 0.0


@dataclass
class SearchResponse:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    correction: str = ""  # "did you mean" text, empty when the query looks fine
    # More than COUNT_LIMIT documents matched: `total` is COUNT_LIMIT, a lower bound.
    total_capped: bool = False


class SearchBackend:
    """Subclasses implement the methods below; the docstrings are the contract."""

    def search(self, request: SearchRequest) -> SearchResponse:
        """Hits in `request.language` (unless filtered otherwise), best first, with facet counts
        (the language facet counts every language) and a spelling correction."""
        raise NotImplementedError

    def suggest(self, text: str, language: str, limit: int, *, prefix: bool = True,
                expansions: tuple[str, ...] = ()) -> list[Hit]:
        """Top hits for a partial, possibly misspelled query typed so far. `prefix`: the last
        word may be unfinished (the header box while typing); False for whole questions.
        `expansions`: extra words that also match, as in `SearchRequest`."""
        raise NotImplementedError

    def matches(self, request: SearchRequest) -> bool:
        """Whether `request` finds anything in its language (filters included), without ranking,
        facets or snippets: "did you mean" checks its correction with it. The words are matched
        as given (no typo correction), which is all a correction of known words needs."""
        return self.search(request).total > 0

    def generation(self) -> str | None:
        """A value that changes on every index write (and rebuild), cheap to read, or None
        when the backend has none: `search.selectors` keys its result cache on it."""
        return None

    def frequency(self, word: str) -> int:
        """How many documents hold the folded `word` (0 when unknown): "did you mean" may
        only replace a query by a frequent word."""
        return 0

    def replace_groups(self, groups: dict[str, list[Document]]) -> None:
        """Replace every document of each group by the given ones (an empty list deletes the
        group). Caller holds `writer_lock()`. All-or-nothing per call."""
        raise NotImplementedError

    def digests(self) -> dict[str, str]:
        """{document key: digest} of everything in the index."""
        raise NotImplementedError

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None,
                procs: int = 1) -> None:
        """Build a complete new index from `groups` while the old one keeps serving, then swap it
        in atomically. `progress` (e.g. tqdm) gets `.update(1)` per group; a backend that
        analyses documents itself may use `procs` processes."""
        raise NotImplementedError

    def clear(self) -> None:
        """Remove everything (tests)."""
        raise NotImplementedError

    @contextmanager
    def writer_lock(self, *, blocking: bool) -> Iterator[bool]:
        """Yields True while this process is the single index writer, False when another is
        (only when `blocking` is False)."""
        raise NotImplementedError
        yield False

    def worker_present(self) -> bool:
        """True when a long-running `search_worker` owns the writing, so web processes leave
        the queue to it."""
        return False
