"""Document vectors: written beside the index by the single writer, read into memory by every
process that searches.

Writing: `store(groups)` replaces the vectors of whole groups, as `replace_groups` does for the
index, reusing a stored vector when its document's digest and the model version are unchanged
(a rebuild of 100,000 unchanged documents embeds nothing). Reading: `matrix(language)` keeps a
float32 matrix per language in process memory and reloads it when the vectors' generation (a
token in the shared cache, replaced on every write) changes, or after `MAX_AGE` seconds when
processes do not share a cache.

Searching: up to `EXACT_LIMIT` documents per language every cosine is computed (one matrix
product). Beyond, one product over 512 floats per document was the whole suggest budget at
100,000 documents (memory-bound: 200 MB read per query), so a language's vectors are also
kept projected onto their `REDUCED_DIMENSIONS` principal directions: the projected product
picks a `SHORTLIST` of candidates and only those are scored exactly, in full dimensions.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from django.core.cache import cache
from django.db import transaction

from . import semantic
from .models import DocumentVector
from .registry import Document

GENERATION_KEY = "search:vectors:generation"
MAX_AGE = 300.0
EXACT_LIMIT = 20_000
REDUCED_DIMENSIONS = 64
SHORTLIST = 1000
PROJECTION_SAMPLE = 4096  # rows the principal directions are fitted on


def _bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def _row(doc: Document, vector: bytes) -> DocumentVector:
    return DocumentVector(
        key=doc.key, group=doc.group, language=doc.language, digest=doc.digest,
        model_version=semantic.MODEL_VERSION, vector=vector, type=doc.type, title=doc.title,
        url=doc.url, summary=doc.summary[:500], category=doc.category, product=doc.product,
    )


@transaction.atomic
def store(groups: dict[str, list[Document]]) -> int:
    """Replace the vectors of every group in `groups`; returns how many were embedded. A row
    whose key, digest and model version are unchanged stays as it is (its hit fields are part
    of the digest), so a rebuild of unchanged content writes nothing."""
    if not groups:
        return 0
    docs = {doc.key: doc for group_docs in groups.values() for doc in group_docs}
    stored = {
        key: (pk, digest)
        for pk, key, digest in DocumentVector.objects.filter(
            group__in=list(groups), model_version=semantic.MODEL_VERSION
        ).values_list("pk", "key", "digest")
    }
    unchanged = {key for key, doc in docs.items()
                 if key in stored and stored[key][1] == doc.digest}
    changed = [doc for key, doc in docs.items() if key not in unchanged]
    stale = DocumentVector.objects.filter(group__in=list(groups)).exclude(
        pk__in=[stored[key][0] for key in unchanged])
    if not changed and not stale.exists():
        return 0
    # A vector stands for several of the document's fields (semantic.document_parts), so
    # any change to the document embeds it again.
    fresh = semantic.document_vectors(changed)
    computed = {doc.key: _bytes(vector) for doc, vector in zip(changed, fresh, strict=True)}
    stale.delete()
    DocumentVector.objects.bulk_create(
        [_row(doc, computed[doc.key]) for doc in changed],
        batch_size=500,
    )
    bump_generation()  # this process (and tests, which never commit) at once
    transaction.on_commit(bump_generation)  # the others once the rows are visible
    return len(changed)


def storing(groups: Iterable[tuple[str, list[Document]]], *,
            chunk: int = 200) -> Iterator[tuple[str, list[Document]]]:
    """Pass `groups` through (to a backend's rebuild) while storing their vectors in chunks,
    then delete the vectors of groups that no longer exist."""
    seen: set[str] = set()
    pending: dict[str, list[Document]] = {}
    for group, docs in groups:
        seen.add(group)
        pending[group] = docs
        if len(pending) >= chunk:
            store(pending)
            pending = {}
        yield group, docs
    store(pending)
    gone = set(DocumentVector.objects.values_list("group", flat=True).distinct()) - seen
    if gone:
        DocumentVector.objects.filter(group__in=list(gone)).delete()
        bump_generation()


def bump_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


class Row(NamedTuple):
    """What a hit found by meaning alone shows (see `ranking._hit`)."""

    pk: int
    key: str
    digest: str
    language: str
    type: str
    title: str
    url: str
    summary: str
    category: str
    product: str


ROW_FIELDS = Row._fields


@dataclass
class Matrix:
    keys: list[str]
    vectors: np.ndarray  # (n, DIMENSIONS) float32
    rows: list[Row]  # hit fields, without the vector
    # Above EXACT_LIMIT rows: (DIMENSIONS, REDUCED_DIMENSIONS) and the rows projected on it.
    projection: np.ndarray | None = None
    reduced: np.ndarray | None = None
    position: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        # Built once per load: at 100,000 keys a dict per query cost more than the product.
        self.position = {key: n for n, key in enumerate(self.keys)}


def _empty() -> Matrix:
    return Matrix([], np.zeros((0, semantic.DIMENSIONS), np.float32), [])


def fit_projection(vectors: np.ndarray, dimensions: int = REDUCED_DIMENSIONS,
                   sample: int = PROJECTION_SAMPLE) -> np.ndarray:
    """The `dimensions` directions that keep most of the rows' dot products (the leading right
    singular vectors, uncentred: a dot product with a query is what is approximated), fitted
    on an evenly spread sample of the rows."""
    step = max(1, len(vectors) // sample)
    _u, _s, directions = np.linalg.svd(vectors[::step][:sample], full_matrices=False)
    return np.ascontiguousarray(directions[:dimensions].T, dtype=np.float32)


class Similarity:
    """A query's cosine similarities to one language's documents: exact for a small matrix,
    else exact only for the shortlist the projected vectors pick (`nearest`), and computed on
    demand for any other document asked about (`cosine`, for a lexical hit)."""

    def __init__(self, matrix: Matrix, query: np.ndarray, *, shortlist: int = SHORTLIST):
        self.matrix, self.query = matrix, query
        if matrix.reduced is None or len(matrix.keys) <= shortlist:
            self.candidates = np.arange(len(matrix.keys))
            self.cosines = matrix.vectors @ query
        else:
            approximate = matrix.reduced @ (query @ matrix.projection)
            self.candidates = np.argpartition(-approximate, shortlist)[:shortlist]
            self.cosines = matrix.vectors[self.candidates] @ query

    def __len__(self) -> int:
        return len(self.matrix.keys)

    def nearest(self, count: int) -> list[tuple[int, float]]:
        """(row, cosine) of the `count` most similar documents, best first."""
        best = nearest(self.cosines, count)
        return [(int(self.candidates[n]), float(self.cosines[n])) for n in best]

    def cosine(self, key: str) -> float | None:
        """The document's cosine similarity, None when it has no vector."""
        n = self.matrix.position.get(key)
        if n is None:
            return None
        return float(self.matrix.vectors[n] @ self.query)


class _Memory:
    """Per-process vectors, per language. A reload after a write reads only the rows it does
    not hold yet (new and changed documents: `store` writes those as new rows) and drops the
    ones gone, so one new answer does not cost reading 100,000 vectors in every process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.loaded_at = 0.0
        self.by_language: dict[str, Matrix] = {}

    def matrix(self, language: str) -> Matrix:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex
            cache.set(GENERATION_KEY, generation, timeout=None)
        stale = time.monotonic() - self.loaded_at > MAX_AGE
        if generation != self.generation or stale:
            with self.lock:
                self._load()
                self.generation, self.loaded_at = generation, time.monotonic()
        return self.by_language.get(language) or _empty()

    def _load(self) -> None:
        current = DocumentVector.objects.filter(model_version=semantic.MODEL_VERSION)
        # A row is known by id, key and digest together: ids can come back after a rolled
        # back transaction, but equal digests mean equal fields and vector.
        present = set(current.values_list("pk", "key", "digest"))
        held = {(row.pk, row.key, row.digest) for m in self.by_language.values()
                for row in m.rows}
        new = {pk for pk, _key, _digest in present - held}
        fresh: dict[str, tuple[list[Row], list[bytes]]] = {}
        if new:
            for values in current.filter(pk__in=list(new)).values_list(*ROW_FIELDS, "vector"):
                row = Row(*values[:-1])
                rows, blobs = fresh.setdefault(row.language, ([], []))
                rows.append(row)
                blobs.append(bytes(values[-1]))
        by_language: dict[str, Matrix] = {}
        for language in sorted(set(self.by_language) | set(fresh)):
            old = self.by_language.get(language) or _empty()
            keep = [n for n, row in enumerate(old.rows)
                    if (row.pk, row.key, row.digest) in present]
            rows, blobs = fresh.get(language, ([], []))
            added = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(
                len(rows), semantic.DIMENSIONS).astype(np.float32)
            vectors = (old.vectors if len(keep) == len(old.rows) else old.vectors[keep])
            if len(rows):
                vectors = np.concatenate([vectors, added])
            all_rows = [old.rows[n] for n in keep] + rows
            if all_rows:
                by_language[language] = _projected(
                    Matrix([row.key for row in all_rows], np.ascontiguousarray(vectors),
                           all_rows), old, keep, added)
        self.by_language = by_language


def _projected(matrix: Matrix, old: Matrix, keep: list[int], added: np.ndarray) -> Matrix:
    """`matrix` with its projected rows when it is large: the old projection carried over
    (kept rows as they were, added rows projected), fitted afresh when there was none or the
    matrix has doubled since."""
    size = len(matrix.keys)
    if size <= EXACT_LIMIT:
        return matrix
    if old.projection is None or size > 2 * len(old.keys):
        matrix.projection = fit_projection(matrix.vectors)
        matrix.reduced = np.ascontiguousarray(matrix.vectors @ matrix.projection)
        return matrix
    reduced = old.reduced if len(keep) == len(old.keys) else old.reduced[keep]
    if len(added):
        reduced = np.concatenate([reduced, added @ old.projection])
    matrix.projection, matrix.reduced = old.projection, np.ascontiguousarray(reduced)
    return matrix


memory = _Memory()


def similar(text: str, language: str) -> Similarity:
    """`text`'s similarity to the documents of `language` (see `Similarity`)."""
    matrix = memory.matrix(language)
    if not matrix.keys:
        return Similarity(matrix, np.zeros(semantic.DIMENSIONS, np.float32))
    return Similarity(matrix, semantic.embed([text])[0])


def nearest(cosines: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` largest cosines, best first: a partial selection (argsort of
    100,000 cosines cost about as much as the matrix product itself)."""
    if len(cosines) <= count:
        return np.argsort(-cosines)
    top = np.argpartition(-cosines, count)[:count]
    return top[np.argsort(-cosines[top])]
