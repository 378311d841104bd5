"""Mixing the lexical ranking with sentence-embedding similarity (`search.vectors`).

Each candidate (the backend's lexical top `LEXICAL_CANDIDATES` plus the `DENSE_CANDIDATES`
nearest documents by meaning) scores

    DENSE_WEIGHT * cosine + LEXICAL_WEIGHT * sqrt(lexical / best lexical)

so the dense score leads (it finds "bill" for "factuur" and whole colloquial questions) while
lexical matches still lift documents that share exact terms with the query (product names,
order numbers). The weights were chosen on the development half of the blind relevance set
(`bench/eval_relevance.py --half dev`), never on the half we report.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from . import semantic, vectors
from .backends import Hit

DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.3
LEXICAL_CANDIDATES = 30
DENSE_CANDIDATES = 30
DENSE_MIN = 0.2  # a document found by meaning alone must be at least this similar


def blend(text: str, language: str, lexical: list[Hit], limit: int, *,
          admit: Callable[[vectors.Row], bool] | None = None,
          added_within: int | None = None, floor: float = DENSE_MIN) -> list[Hit]:
    """The best `limit` of the lexical hits and the nearest documents, by the mixed score.
    `admit(row)`: whether a document found by meaning alone may join (the search page's
    filters); `added_within`: such a document is kept only when it ranks that high (the
    search page lets meaning lift answers onto its first page, not pad every list); `floor`:
    the least similarity of such a document."""
    similarity = vectors.similar(semantic.query_text(text), language)
    if not len(similarity):
        return lexical[:limit]
    best = max((hit.score for hit in lexical), default=0.0) or 1.0
    scored: dict[str, tuple[float, Hit]] = {}
    for hit in lexical:
        dense = similarity.cosine(hit.key) or 0.0
        lexical_part = LEXICAL_WEIGHT * math.sqrt(max(hit.score, 0.0) / best)
        scored[hit.key] = (DENSE_WEIGHT * dense + lexical_part, hit)
    found = set(scored)
    rows = similarity.matrix.rows
    for n, cosine in similarity.nearest(DENSE_CANDIDATES):
        key = rows[n].key
        if key not in scored and cosine >= floor and (admit is None or admit(rows[n])):
            scored[key] = (DENSE_WEIGHT * cosine, _hit(rows[n]))
    ranked = [hit for _score, hit in sorted(scored.values(), key=lambda pair: -pair[0])]
    if added_within is not None:
        ranked = [hit for place, hit in enumerate(ranked)
                  if place < added_within or hit.key in found]
    return ranked[:limit]


def _hit(row) -> Hit:
    """A hit found by meaning alone: the stored fields, the summary as its snippet."""
    return Hit(
        key=row.key,
        type=row.type,
        language=row.language,
        title=row.title,
        url=row.url,
        snippet=html.escape(row.summary[:220]),
        category=row.category,
        product=row.product,
    )
