"""The words of one Whoosh field with their frequencies, for the Whoosh backend's spelling
correction, typo expansion, compound lookups and the header box's word completion.

Whoosh finds the words within an edit distance by walking a Levenshtein automaton over the
field's word graph in Python: 80-150 ms per misspelled word at 100,000 documents, and a fifth of
the queries hold one. Here a field's words are read once per segment (segments never change),
and the distance to every candidate sharing the prefix is computed at once with arrays: the same
words Whoosh's `terms_within` finds (Levenshtein distance after an exact prefix, no swaps).
"""

from __future__ import annotations

import bisect
import heapq
import threading

import numpy as np

# {(segment id, field): {word: (frequency, documents)}}: this many entries, oldest dropped first.
SEGMENT_CACHE = 128
_segment_words: dict[tuple, dict[str, tuple[int, int]]] = {}
_lock = threading.Lock()  # web servers search from several threads


class Vocabulary:
    """A field's words (sorted), their total frequency and document frequency."""

    def __init__(self, counts: dict[str, tuple[int, int]]):
        self.words = sorted(counts)
        self.frequency = {word: counts[word][0] for word in self.words}
        self.documents = {word: counts[word][1] for word in self.words}
        self._groups: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}

    def within(self, word: str, maxdist: int, prefix: int = 0) -> list[str]:
        """The words (sorted) that start with `word[:prefix]` and are at most `maxdist`
        insertions, deletions or substitutions away from `word` after that prefix."""
        if len(word) < prefix:
            return []
        words, codes, lengths = self._group(word[:prefix])
        near = np.flatnonzero(np.abs(lengths - len(word)) <= maxdist)
        if not len(near):
            return []
        tail = word[prefix:]
        distances = _distances(tail, codes[near, prefix:], lengths[near] - prefix)
        return [words[n] for n in near[distances <= maxdist]]

    def starting_with(self, head: str, limit: int) -> list[str]:
        """The `limit` words that start with `head` in the most documents (ties
        alphabetical): the completions of a word still being typed."""
        start = bisect.bisect_left(self.words, head)
        end = bisect.bisect_left(self.words, head + "\U0010ffff", start)
        return heapq.nsmallest(limit, self.words[start:end],
                               key=lambda w: (-self.documents[w], w))

    def containing(self, part: str, longer_by: int) -> list[str]:
        """The words holding `part` and more than `longer_by` letters longer, most documents
        first (ties alphabetical)."""
        found = [w for w in self.words if part in w and len(w) > len(part) + longer_by]
        found.sort(key=lambda w: -self.documents[w])
        return found

    def _group(self, head: str):
        """Words starting with `head` as a matrix of character codes (zero-padded) and their
        lengths, built on first use."""
        if head not in self._groups:
            words = [w for w in self.words if w.startswith(head)] if head else self.words
            width = max((len(w) for w in words), default=0)
            codes = np.zeros((len(words), width), dtype=np.int32)
            for row, w in enumerate(words):
                codes[row, :len(w)] = [ord(c) for c in w]
            self._groups[head] = (words, codes, np.array([len(w) for w in words], dtype=np.int64))
        return self._groups[head]


def _distances(word: str, codes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Edit distance from `word` to each row of `codes` (a word of `lengths[row]` characters,
    zero-padded): insertions, deletions, substitutions and swaps of two neighbouring letters
    cost 1 (optimal string alignment, as Whoosh's automaton counts), one dynamic-programming
    row per letter of `word` for all candidates at once."""
    n, width = codes.shape
    columns = np.arange(width + 1)
    before, previous = None, np.tile(columns, (n, 1))
    for i, char in enumerate(word, 1):
        # Substitution or match from the diagonal, deletion from above...
        best = np.empty_like(previous)
        best[:, 0] = i
        best[:, 1:] = np.minimum(previous[:, :-1] + (codes != ord(char)), previous[:, 1:] + 1)
        if before is not None and width >= 2:
            swapped = (codes[:, :-1] == ord(char)) & (codes[:, 1:] == ord(word[i - 2]))
            best[:, 2:] = np.where(swapped, np.minimum(best[:, 2:], before[:, :-2] + 1),
                                   best[:, 2:])
        # ...then insertions along the row: current[j] = min over k <= j of best[k] + (j - k).
        before, previous = previous, np.minimum.accumulate(best - columns, axis=1) + columns
    return previous[np.arange(n), lengths]


def vocabulary(searcher, fieldname: str) -> Vocabulary:
    """`fieldname`'s vocabulary for this searcher (kept on it until the index changes)."""
    cache = searcher.__dict__.setdefault("vraagbaak_vocabulary", {})
    if fieldname not in cache:
        counts: dict[str, tuple[int, int]] = {}
        for reader, _offset in searcher.reader().leaf_readers():
            for word, (frequency, documents) in _words(reader, fieldname).items():
                before = counts.get(word, (0, 0))
                counts[word] = (before[0] + frequency, before[1] + documents)
        cache[fieldname] = Vocabulary(counts)
    return cache[fieldname]


def _words(reader, fieldname: str) -> dict[str, tuple[int, int]]:
    segment = reader.segment()
    key = (segment.segment_id(), fieldname) if segment is not None else None
    found = _segment_words.get(key)
    if found is not None:
        return found
    words = {}
    if fieldname in reader.schema:
        for text, info in reader.iter_field(fieldname):
            word = text.decode() if isinstance(text, bytes) else text
            words[word] = (info.weight(), info.doc_frequency())
    if key is not None:
        with _lock:
            if len(_segment_words) >= SEGMENT_CACHE:
                _segment_words.pop(next(iter(_segment_words)))
            _segment_words[key] = words
    return words
