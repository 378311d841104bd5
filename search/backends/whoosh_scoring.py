"""Ranking, counting and facet counts of a Whoosh query with numpy arrays, for the Whoosh
backend's search and suggest paths.

Whoosh walks a query's matcher tree one document at a time in Python, about 30 µs per matching
document for our 12-to-20-term queries; a broad query at 100,000 documents matches 15,000-25,000
of them, and block skipping cannot help an OR of words that are in a fifth of the documents (every
block can still win). Here each term's posting list is decoded a block at a time into arrays and
the whole query is scored at once, per segment:

- a `Term` scores BM25F exactly as `BoostedBM25F` does (global idf and average field length,
  the document's length byte, times the document's `boost` column and the term's boost);
- an `Or` sums its subqueries; with a `scale` (`OrGroup.factory`) it applies Whoosh's
  coordination formula (`CoordMatcher._sqr`) with the number of its terms present in the
  segment and the number each document matches. (Whoosh recounts the terms whenever a posting
  list runs out during a search, so its scores drift with document order; these do not.)

Any other query type raises `Unsupported`, and the caller keeps Whoosh's own search. Deleted
documents and a filter (a set of document numbers) are masked out. The result holds every
match, so counts and facets are exact and cost a few array operations.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

# Field lengths are stored as one byte each; this table turns bytes into Whoosh's lengths.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Arrays read from a segment's files (lengths, boosts, facet values) are immutable, so they are
# kept per segment id across searchers; this many segments, the oldest dropped first.
SEGMENT_CACHE = 64
_segment_arrays: dict[tuple, object] = {}
# Decoded posting lists, per segment and term, the least recently used dropped first once they
# hold more than this many postings (8 bytes each): unpickling a broad term's blocks was half
# of a search's time, and shoppers' queries share their words.
POSTINGS_CACHE = 3_000_000
_postings: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_postings_held = [0]
_lock = threading.Lock()  # web servers search from several threads


class Unsupported(Exception):
    """The query holds a node this module does not score (the caller uses Whoosh's search)."""


@dataclass
class Matches:
    """Every matching document: global document numbers (ascending) and their scores."""

    docnums: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docnums)

    def top(self, n: int) -> list[tuple[float, int]]:
        """The best `n` as Whoosh's `(score, docnum)` pairs, best first, ties by docnum."""
        if n <= 0 or not len(self):
            return []
        if n < len(self):
            # argpartition keeps every document tied with the n-th best, so ties stay in
            # docnum order as in Whoosh's collector.
            kth = np.partition(-self.scores, n - 1)[n - 1]
            keep = np.flatnonzero(-self.scores <= kth)
        else:
            keep = np.arange(len(self))
        order = keep[np.lexsort((self.docnums[keep], -self.scores[keep]))][:n]
        return [(float(self.scores[i]), int(self.docnums[i])) for i in order]


def evaluate(searcher, q: query.Query, allowed=None) -> Matches:
    """Every document matching `q` among `allowed` (a set of global document numbers, None:
    all), with the score Whoosh's `BoostedBM25F` search gives it. Raises `Unsupported`."""
    allowed_array = None
    if allowed is not None:
        allowed_array = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
    docnums, scores = [], []
    for reader, offset in searcher.reader().leaf_readers():
        result = _node(_Segment(searcher, reader), q)
        if result is None:
            continue
        ids, score = result[0], result[1]
        keep = np.ones(len(ids), dtype=bool)
        if reader.has_deletions():
            deleted = np.fromiter(reader.segment().deleted_docs(), dtype=np.int64)
            keep &= ~np.isin(ids, deleted)
        if allowed_array is not None:
            keep &= np.isin(ids + offset, allowed_array)
        docnums.append(ids[keep] + offset)
        scores.append(score[keep])
    if not docnums:
        return Matches(np.zeros(0, dtype=np.int64), np.zeros(0))
    return Matches(np.concatenate(docnums), np.concatenate(scores))


class _Segment:
    """One segment reader with the top searcher's statistics (idf, average lengths)."""

    def __init__(self, searcher, reader):
        self.searcher = searcher
        self.reader = reader
        self.size = reader.doc_count_all()
        segment = reader.segment()
        self.key = segment.segment_id() if segment is not None else None
        self.weighting = searcher.weighting

    def cached(self, name: str, build):
        if self.key is None:
            return build()
        key = (self.key, name)
        found = _segment_arrays.get(key)
        if found is None:
            found = build()
            with _lock:
                if len(_segment_arrays) >= SEGMENT_CACHE * 8:
                    _segment_arrays.pop(next(iter(_segment_arrays)))
                _segment_arrays[key] = found
        return found

    def lengths(self, fieldname: str) -> np.ndarray:
        def build():
            # Whoosh keeps the per-document length bytes in a column of the per-document
            # reader; there is no public way to read them all at once.
            perdoc = getattr(self.reader, "_perdoc", None)
            if perdoc is None:
                raise Unsupported("no per-document reader")
            column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            if column is None:
                return np.zeros(self.size)
            return _LENGTHS[np.fromiter(column, dtype=np.uint8, count=self.size)]
        return self.cached(f"len:{fieldname}", build)

    def boosts(self) -> np.ndarray:
        """Each document's boost (the per-mille `boost` column, 0 read as 1000)."""
        def build():
            if not self.reader.has_column("boost"):
                return None
            values = np.fromiter((v or 1000 for v in self.reader.column_reader("boost")),
                                 dtype=np.float64, count=self.size)
            return values
        return self.cached("boost", build)

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and weights (term frequencies) of a term, deleted ones included."""
        key = (self.key, fieldname, btext)
        if self.key is None:
            return self._read(fieldname, btext)
        with _lock:
            found = _postings.get(key)
            if found is not None:
                _postings.move_to_end(key)
                return found
        found = self._read(fieldname, btext)
        with _lock:
            if key not in _postings and len(found[0]) <= POSTINGS_CACHE:
                _postings[key] = found
                _postings_held[0] += len(found[0])
                while _postings_held[0] > POSTINGS_CACHE:
                    _old, (ids, _tf) = _postings.popitem(last=False)
                    _postings_held[0] -= len(ids)
        return found

    def _read(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        matcher = self.reader.postings(fieldname, btext)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child  # the deletion filter; `evaluate` masks deletions itself
        if not isinstance(matcher, W3LeafMatcher):
            ids, weights = [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float64)
        return _read_blocks(matcher)


def _read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh 3 postings a block at a time: each block is one pickled tuple of delta-coded
    ids and an array of weights (None or one float when they are all equal)."""
    ids, weights = [], []
    while matcher.is_active():
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        block = np.frombuffer(raw_ids, dtype=np.uint8) if isinstance(raw_ids, bytes) else \
            np.asarray(raw_ids, dtype=np.int64)
        block = block.astype(np.int32) if matcher._byteids else np.cumsum(block, dtype=np.int32)
        ids.append(block)
        if raw_weights is None:
            weights.append(np.ones(len(block)))
        elif isinstance(raw_weights, float):
            weights.append(np.full(len(block), raw_weights))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float32))
        matcher._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights).astype(np.float32)


def _node(segment: _Segment, q: query.Query):
    """(document numbers ascending, their scores, matched-term counts, terms present) for `q`
    in one segment, or None when nothing in the segment can match."""
    if isinstance(q, query.Term):
        return _term(segment, q)
    if type(q) is query.Or and not q.minmatch:
        return _or(segment, q)
    if q is query.NullQuery:
        return None
    raise Unsupported(type(q).__name__)


def _or(segment: _Segment, q: query.Or):
    if len(q.subqueries) == 1:  # Whoosh uses the single subquery's matcher, boost and all
        return _node(segment, q.subqueries[0])
    parts = [part for part in (_node(segment, sub) for sub in q.subqueries) if part is not None]
    if not parts:
        return None
    ids = np.concatenate([part[0] for part in parts])
    score = np.bincount(ids, weights=np.concatenate([part[1] for part in parts]),
                        minlength=segment.size)
    count = np.bincount(ids, weights=np.concatenate([part[2] for part in parts]),
                        minlength=segment.size)
    terms = sum(part[3] for part in parts)
    ids = np.flatnonzero(count)
    score, count = score[ids], count[ids]
    if q.boost != 1.0:
        score *= q.boost
    if q.scale and terms:
        # CoordMatcher._sqr: rewards documents matching more of the terms.
        score = (score + (count - 1) / (terms - q.scale) ** 2) * ((terms - 1) / terms)
    return ids, score, count, terms


def _term(segment: _Segment, q: query.Term):
    reader, searcher = segment.reader, segment.searcher
    fieldname = q.fieldname
    if fieldname not in searcher.schema:
        return None
    field = searcher.schema[fieldname]
    try:
        btext = field.to_bytes(q.text)
    except ValueError:
        return None
    if (fieldname, btext) not in reader:
        return None
    if not field.scorable or q.minquality:
        raise Unsupported(f"unscorable field {fieldname}")
    weighting = segment.weighting
    ids, tf = segment.postings(fieldname, btext)
    tf = tf.astype(np.float64)  # stored as float32: score in doubles, as Whoosh does
    B = weighting._field_B.get(fieldname, weighting.B)
    K1 = weighting.K1
    idf = searcher.idf(fieldname, btext)
    avgfl = searcher.avg_field_length(fieldname) or 1
    fl = segment.lengths(fieldname)[ids]
    score = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
    boosts = segment.boosts()
    if boosts is not None:
        score = score * boosts[ids] / 1000
    if q.boost != 1.0:
        score = score * q.boost
    return ids, score, np.ones(len(ids)), 1


def facet_counts(searcher, docnums: np.ndarray, fields: dict[str, str]) -> dict[str, dict]:
    """{facet: {value: documents}} among `docnums` (global, ascending) for each indexed facet
    field in `fields` ({facet: field}), from the fields' posting lists (read once per segment)."""
    tallies: dict[str, dict[str, int]] = {name: {} for name in fields}
    for reader, offset in searcher.reader().leaf_readers():
        size = reader.doc_count_all()
        inside = docnums[(docnums >= offset) & (docnums < offset + size)] - offset
        if not len(inside):
            continue
        mask = np.zeros(size, dtype=bool)
        mask[inside] = True
        segment = _Segment(searcher, reader)
        for name, fieldname in fields.items():
            values, docs, which = segment.cached(f"facet:{fieldname}",
                                                 lambda s=segment, f=fieldname: _incidence(s, f))
            counts = np.bincount(which[mask[docs]], minlength=len(values))
            tally = tallies[name]
            for n in np.flatnonzero(counts):
                tally[values[n]] = tally.get(values[n], 0) + int(counts[n])
    return tallies


def _incidence(segment: _Segment, fieldname: str):
    """(values, document numbers, value index per document number) of a field's terms."""
    values, docs, which = [], [], []
    reader = segment.reader
    if fieldname in reader.schema:
        for btext in reader.lexicon(fieldname):
            ids, _weights = segment.postings(fieldname, btext)
            which.append(np.full(len(ids), len(values), dtype=np.int64))
            docs.append(ids)
            values.append(btext.decode() if isinstance(btext, bytes) else btext)
    if not docs:
        return [], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return values, np.concatenate(docs), np.concatenate(which)
