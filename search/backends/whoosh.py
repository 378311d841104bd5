"""The default backend: a Whoosh index in a folder of its own (`SEARCH["PATH"]`).

Layout: `<PATH>/current` is a symlink to the live index folder (`index-<stamp>`); a rebuild
writes a new folder and replaces the symlink in one `rename`, so readers never see a half-built
index. Writers serialise on `<PATH>/write.lock` (flock), the long-running worker announces
itself by holding `<PATH>/worker.lock`. Readers keep one searcher per thread and refresh it
(cheap when nothing changed) instead of reopening the index per request.

Queries are scored with arrays (`whoosh_scoring`: every match, exact counts and facets) and
spelling works from a vocabulary read once per segment (`whoosh_vocabulary`); Whoosh's own
collector and parser remain only for what those do not cover.
"""

from __future__ import annotations

import bisect
import fcntl
import html
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from whoosh import highlight, index, qparser, query, scoring, searching
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import CoordMatcher
from whoosh.reading import ReaderClosed
from whoosh.util.numeric import byte_to_length

from .. import snippets
from ..analysis import (
    FILLER_BOOST,
    FILLER_SHARE,
    LANGUAGES,
    fold,
    is_filler,
    language_analyzer,
    plain_analyzer,
    split_glued,
)
from ..registry import Document
from . import whoosh_scoring, whoosh_vocabulary
from .base import COUNT_LIMIT, Hit, SearchBackend, SearchRequest, SearchResponse

FIELD_BOOSTS = {"title": 4.0, "phrasings": 2.5, "keys": 3.0, "body": 1.0}
# A query word inside a longer title or key word ("wasmachine" in "wasmachinedeur") also
# matches that compound, at this share of the field's boost, for at most COMPOUNDS_PER_WORD
# compounds. (A 4-gram field did this before: intersecting the grams' posting lists was 70 %
# of a search's time.)
GRAMS_BOOST = 0.4
COMPOUNDS_PER_WORD = 8
COMPOUND_FIELDS = ("title", "keys")
SYNONYM_BOOST = 0.7
SNIPPET_CHARS = 220
MAX_BOOST = 10.0  # upper bound of a document's boost, for Whoosh's score bounds
FACET_FIELDS = {"type": "type", "category": "category", "product": "product", "tag": "tags"}
# Facets count every match (see `_ranked`); for a query only Whoosh's collector can run, over
# the best FACET_DEPTH hits (exact whenever fewer documents match).
FACET_DEPTH = 200
SUGGEST_FIELDS = {"title": 4.0, "phrasings": 2.5, "keys": 3.0}  # suggest: not the long bodies
# The word being typed in the header box matches the title words it begins, the
# COMPLETIONS found in the most titles (from the titles' vocabulary: an edge n-gram field
# cost 35 postings per document, a quarter of all indexing work, for the same matches).
COMPLETIONS = 12
COMPLETION_BOOST = 2.0
FUZZY_TERMS = 8  # vocabulary words one typo may expand to
FUZZY_BOOST = 0.6
COORDINATION = 0.9  # Whoosh's OrGroup scale: documents matching more query words rank higher


def _match_count(results, depth: int) -> int:
    """Exact when fewer than `depth` documents matched (the collector then saw them all),
    else Whoosh's estimate from the posting lists (no second pass over every match)."""
    scored = results.scored_length()
    return scored if scored < depth else max(scored, results.estimated_length())


# Bumped whenever a field is added, removed or analysed differently. Each document stores the
# version it was written under, so an index written by an older release reads as stale (the
# worker's start-up check queues its documents again) and its writer gains the new fields.
# 2: title_words_{language} replaced the edge n-gram field prefix_{language}.
SCHEMA_VERSION = 2


def build_schema() -> Schema:
    fields = {
        "schema": STORED(),
        "key": ID(stored=True, unique=True),
        "group": ID(stored=True),
        # Facets are counted from these fields' posting lists (`whoosh_scoring.facet_counts`);
        # the columns (sortable) serve queries only Whoosh's collector runs. (Term vectors on
        # tags fail: Whoosh 2.7 cannot open segments in which no document has tags.)
        "type": ID(stored=True, sortable=True),
        "language": ID(stored=True, sortable=True),
        "category": ID(stored=True, sortable=True),
        "product": ID(stored=True, sortable=True),
        "tags": KEYWORD(stored=True, commas=True, scorable=True),
        "url": STORED(),
        "title_text": STORED(),
        "body_text": STORED(),
        "summary": STORED(),
        "digest": STORED(),
        # Per-mille integer: Whoosh 2.7's float columns cannot be written (struct error).
        "boost": NUMERIC(int, bits=32, stored=True, sortable=True),
        # The vocabulary behind "did you mean" and typo expansion (`whoosh_vocabulary` reads
        # it; Whoosh's own word graph, spelling=True, is not needed).
        "spell": TEXT(analyzer=plain_analyzer(), phrase=False),
    }
    # Every text field exists once per language and a document fills only its own language's
    # fields, so a query on one language's fields needs no language filter (building the
    # filter's document set cost as much as a small query). No positions (phrase=False):
    # queries are single words and snippets re-read the text, while encoding and decoding
    # the positions was a quarter of indexing and half of reading a posting list.
    for language in LANGUAGES:
        for name in FIELD_BOOSTS:
            fields[f"{name}_{language}"] = TEXT(analyzer=language_analyzer(language),
                                                phrase=False)
        # The titles' words unstemmed: what the word being typed completes to.
        fields[f"title_words_{language}"] = TEXT(analyzer=plain_analyzer(), phrase=False)
    return Schema(**fields)


_segment_max_boost: dict[str, float] = {}


def _max_boost(reader) -> float:
    """The largest document boost in a segment (segments never change once written), so the
    block bounds below stay tight instead of assuming MAX_BOOST everywhere."""
    segment = getattr(reader, "segment", lambda: None)()
    key = segment.segment_id() if segment is not None else None
    if key not in _segment_max_boost:
        column = reader.column_reader("boost")
        top = max((value or 1000 for value in column), default=1000) / 1000
        if key is None:
            return min(max(top, 1.0), MAX_BOOST)
        _segment_max_boost[key] = min(max(top, 1.0), MAX_BOOST)
    return _segment_max_boost[key]


class BoostedBM25F(scoring.BM25F):
    """BM25F times each document's own boost (verified answers, helpful articles...), read
    from the `boost` column of the segment being scored."""

    def scorer(self, searcher, fieldname, text, qf=1):
        inner = super().scorer(searcher, fieldname, text, qf=qf)
        reader = searcher.reader()
        if not reader.has_column("boost"):
            return inner
        return _BoostScorer(inner, reader.column_reader("boost"), _max_boost(reader))


class _BoostScorer(scoring.BaseScorer):
    """The boost times BM25F, with block bounds scaled by the segment's largest boost: still
    true upper bounds, so Whoosh may skip blocks that cannot reach the top N (without them
    every matching document of a broad query was scored)."""

    def __init__(self, inner, column, max_boost):
        self.inner = inner
        self.column = column
        self.max_boost = max_boost

    def supports_block_quality(self):
        return self.inner.supports_block_quality()

    def max_quality(self):
        return self.inner.max_quality() * self.max_boost

    def block_quality(self, matcher):
        return self.inner.block_quality(matcher) * self.max_boost

    def score(self, matcher):
        return self.inner.score(matcher) * (self.column[matcher.id()] or 1000) / 1000


def _coord_supports_block_quality(self) -> bool:
    # One term: Whoosh's coordination factor (termcount - 1) / termcount makes every block
    # quality 0, so no block can ever be skipped.
    return self._termcount > 1 and self.child.supports_block_quality()


def _coord_skip_to_quality(self, minquality: float) -> int:
    """Whoosh 2.7's CoordMatcher reports block qualities through its coordination formula
    but passed `minquality` to its child untransformed: the child stopped at a block whose
    own quality beat `minquality` while the coordinated quality did not, and the collector
    asked again forever (the suggest run that never finished). Ask the child for the raw
    quality the formula needs to beat `minquality` instead."""
    count = self._termcount
    bonus = (count - 1) / (count - self._scale) ** 2
    return self.child.skip_to_quality(minquality * count / (count - 1) - bonus)


CoordMatcher.supports_block_quality = _coord_supports_block_quality
CoordMatcher.skip_to_quality = _coord_skip_to_quality


def _doc_field_length(self, docnum, fieldname, default=0):
    """W3PerDocReader.doc_field_length from the whole length column, decoded once per
    reader: writing a segment asks for the length of every posting (133 per bench document,
    a seventh of indexing), and each ask unpacked one byte from the column file."""
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    decoded = self.__dict__.setdefault("_vraagbaak_lengths", {})
    if fieldname not in decoded:
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        # As Whoosh reads them: no column means `default`, a zero byte means None.
        decoded[fieldname] = None if column is None else [
            byte_to_length(value) if value else None for value in column]
    lengths = decoded[fieldname]
    return default if lengths is None else lengths[docnum]


W3PerDocReader.doc_field_length = _doc_field_length


class MarkFormatter(highlight.HtmlFormatter):
    """Matched words in a bare <mark>; the text around them is HTML-escaped by Whoosh."""

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


def _fields(doc: Document) -> dict:
    lang = doc.language if doc.language in LANGUAGES else LANGUAGES[0]
    keys = " ".join([*doc.tags, doc.category, doc.product])
    body = f"{doc.summary}\n{doc.body}".strip()
    return {
        "key": doc.key,
        "group": doc.group,
        "type": doc.type,
        "language": doc.language,
        "category": doc.category or None,
        "product": doc.product or None,
        "tags": ",".join(doc.tags) or None,
        "url": doc.url,
        "title_text": doc.title,
        "body_text": body,
        "summary": doc.summary,
        "digest": doc.digest,
        "schema": SCHEMA_VERSION,
        "boost": round(float(doc.boost) * 1000),
        f"title_{lang}": doc.title,
        f"keys_{lang}": keys,
        f"body_{lang}": body,
        f"phrasings_{lang}": "\n".join(doc.phrasings),
        f"title_words_{lang}": doc.title,
        "spell": f"{doc.title} {keys} {body}",
    }


def _upgrade_schema(writer) -> None:
    """Give an index written by an older release the fields it lacks (and drop those no longer
    used), so its documents can be replaced one group at a time while it keeps serving."""
    current = build_schema()
    for name in set(writer.schema.names()) - set(current.names()):
        writer.remove_field(name)
    for name in current.names():
        if name not in writer.schema:
            writer.add_field(name, current[name])


def _open_searcher(folder: Path, attempts: int = 10):
    """Open the newest generation of the index in `folder`.

    The writer's commit deletes the segment files that merged away; a reader that read the
    previous table of contents a moment before finds them gone (FileNotFoundError). Reading the
    table of contents again names only files that exist, so a few attempts always succeed.
    """
    for _ in range(attempts - 1):
        try:
            return _with_caches(index.open_dir(folder).searcher(weighting=BoostedBM25F()))
        except FileNotFoundError:
            continue
    return _with_caches(index.open_dir(folder).searcher(weighting=BoostedBM25F()))


def _with_caches(searcher):
    """Per-searcher caches, dropped with the searcher when the index generation changes:
    facet-filter document sets and the vocabulary lookups of decompounding."""
    searcher.vraagbaak_filters = {}
    return searcher


def _clean(text: str) -> str:
    """Folded words only: no parser syntax reaches Whoosh (operators, quotes, wildcards)."""
    return fold(text)


def _expanded(expansions: tuple[str, ...]) -> str:
    """Synonyms as query syntax, a little below the shopper's own words."""
    return "".join(f" {word}^{SYNONYM_BOOST}" for word in _clean(" ".join(expansions)).split())


def _word_query(words: str, schema, boosts: dict[str, float]) -> query.Query | None:
    """What Whoosh's `MultifieldParser` with a coordinated `OrGroup` makes of folded words
    with optional `^boost`s (one term per word and field, boosted by both, duplicates
    dropped), without the parser's plugins: a third of a suggestion's time. None when a
    word analyses to more than one token (the parser then decides)."""
    terms: dict[query.Term, None] = {}
    for token in words.split():
        word, _, boost = token.partition("^")
        for fieldname, field_boost in boosts.items():
            texts = list(schema[fieldname].process_text(word, mode="query"))
            if len(texts) > 1:
                return None
            for text in texts:
                terms[query.Term(fieldname, text, boost=field_boost * float(boost or 1))] = None
    if not terms:
        return query.NullQuery
    if len(terms) == 1:
        return next(iter(terms))
    return query.Or(list(terms), scale=COORDINATION)


class WhooshBackend(SearchBackend):
    def __init__(self, path):
        self.root = Path(path)
        self._local = threading.local()

    # -- files and locks -------------------------------------------------------------------

    @property
    def current(self) -> Path:
        return self.root / "current"

    def _ensure_index(self) -> Path:
        if self.current.exists():
            return self.current.resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        folder = self._new_folder()
        try:
            os.symlink(folder.name, self.current)
        except FileExistsError:  # another process made it first; use theirs
            shutil.rmtree(folder, ignore_errors=True)
        return self.current.resolve()

    def _new_folder(self) -> Path:
        folder = self.root / f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        folder.mkdir(parents=True)
        index.create_in(folder, build_schema())
        return folder

    def _swap(self, folder: Path) -> None:
        link = self.root / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(folder.name, link)
        old = self.current.resolve() if self.current.exists() else None
        os.replace(link, self.current)  # atomic: readers see the old or the new index
        for stale in self.root.glob("index-*"):
            # Keep the previous folder: threads may still read from it until they refresh.
            if stale.resolve() not in (folder.resolve(), old):
                shutil.rmtree(stale, ignore_errors=True)

    @contextmanager
    def _flock(self, name: str, *, blocking: bool) -> Iterator[bool]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / name, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def writer_lock(self, *, blocking: bool):
        return self._flock("write.lock", blocking=blocking)

    def worker_lock(self, *, blocking: bool):
        return self._flock("worker.lock", blocking=blocking)

    def worker_present(self) -> bool:
        with self.worker_lock(blocking=False) as acquired:
            return not acquired

    # -- reading ---------------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher, kept across requests and reopened only when the index
        generation changed (a commit or a swapped-in rebuild)."""
        folder = self._ensure_index()
        local = self._local
        if getattr(local, "folder", None) != folder:
            # Open first: when the new folder is damaged this raises and the thread keeps its
            # old searcher untouched, so the next swapped-in index is opened (and the old one
            # closed exactly once) instead of a closed searcher failing every later request.
            fresh = _open_searcher(folder)
            old, local.folder, local.searcher = getattr(local, "searcher", None), folder, fresh
            if old is not None:
                with suppress(ReaderClosed, OSError):
                    old.close()
        elif not local.searcher.up_to_date():
            # A fresh searcher, not refresh(): refresh() shares segment readers with the old
            # searcher, whose eventual close would then break the new one (ReaderClosed).
            local.searcher = _open_searcher(folder)
        return local.searcher

    def generation(self) -> str:
        """The live index folder, its commit generation and its table of contents' change
        time: changes on every write, and when the files are changed behind our back (a
        restored backup, a damaged disk), so cached answers are never served from them."""
        folder = self._ensure_index()
        storage = FileStorage(str(folder))
        generation = index.TOC._latest_generation(storage, index._DEF_INDEX_NAME)
        toc = folder / index.TOC._filename(index._DEF_INDEX_NAME, generation)
        try:
            changed = toc.stat().st_mtime_ns
        except OSError:
            changed = 0
        return f"{folder.name}:{generation}:{changed}"

    def _text_query(self, words: str, schema, language: str,
                    field_boosts: dict[str, float] = FIELD_BOOSTS,
                    grams: bool = True) -> query.Query:
        """`words` over one language's fields (see `build_schema`); with `grams`, also the
        title and key compounds that contain a query word."""
        boosts = {f"{n}_{language}": b for n, b in field_boosts.items()}
        parsed = _word_query(words, schema, boosts)
        if parsed is None:
            parser = qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts,
                                              group=qparser.OrGroup.factory(COORDINATION))
            parser.remove_plugin_class(qparser.WildcardPlugin)
            parsed = parser.parse(words)
        if not grams:
            return parsed
        compounds = self._compounds(self.searcher(), language, words)
        return query.Or([parsed, *compounds]) if compounds else parsed

    def _compounds(self, searcher, language: str, words: str) -> list[query.Query]:
        """Term queries for the longer title and key words that contain a query word."""
        cache = getattr(searcher, "vraagbaak_compounds", None)
        if cache is None:
            cache = searcher.vraagbaak_compounds = {}
        result = []
        for field in COMPOUND_FIELDS:
            name = f"{field}_{language}"
            for word in {w.split("^")[0] for w in words.split()}:
                if len(word) < 4:
                    continue
                key = (name, word)
                if key not in cache:
                    found = whoosh_vocabulary.vocabulary(searcher, name).containing(word, 2)
                    cache[key] = found[:COMPOUNDS_PER_WORD]
                boost = FIELD_BOOSTS.get(field, 1.0) * GRAMS_BOOST
                result += [query.Term(name, t, boost=boost) for t in cache[key]]
        return result

    def _filter(self, searcher, request: SearchRequest, language: str = ""):
        """The facet filters (and `language`, when given) as a document set, cached on the
        searcher: the same filter costs one posting walk per index generation."""
        terms = tuple(sorted(
            (FACET_FIELDS[name], value)
            for name, value in request.filters.items()
            if name in FACET_FIELDS and value
        ))
        if language:
            terms += (("language", language),)
        if not terms:
            return None
        cache = getattr(searcher, "vraagbaak_filters", None)
        if cache is not None and terms in cache:
            return cache[terms]
        # Whoosh reads an empty filter as "no filter"; a document number that cannot exist
        # keeps a filter that matches nothing from matching everything.
        docs = set(searcher.docs_for_query(query.And([query.Term(f, v) for f, v in terms])))
        docs = docs or {-1}
        if cache is not None:
            if len(cache) > 64:
                cache.clear()
            cache[terms] = docs
        return docs

    def decompound(self, words: str) -> str:
        """Append the parts of unknown long words that split into two indexed words, so the
        Dutch compound "retourkosten" also finds "retour" and "kosten" and the glued
        "deliveryaddress" finds "delivery address" (the n-gram field does the opposite
        direction: a part finds the compound)."""
        reader = self.searcher().reader()
        extra = []
        for word in words.split():
            extra += split_glued(word, lambda part: reader.frequency("spell", part) > 0)
        return " ".join([words, *extra])

    def weighted(self, words: str, language: str) -> str:
        """`words` in query syntax with filler words ("help", "wil", and words in more than
        `FILLER_SHARE` of the documents) at a low boost: they break ties, never decide."""
        reader = self.searcher().reader()
        common = FILLER_SHARE * max(reader.doc_count(), 1)
        tokens = words.split()
        if len(tokens) < 2:
            return words
        return " ".join(
            f"{word}^{FILLER_BOOST}"
            if is_filler(word, language) or reader.doc_frequency("spell", word) > common
            else word
            for word in tokens
        )

    def search(self, request: SearchRequest) -> SearchResponse:
        words = _clean(request.text)
        if not words:
            return SearchResponse(hits=[], total=0)
        searcher = self.searcher()
        text = self.weighted(self.decompound(words), request.language)
        text += _expanded(request.expansions)
        shown = request.filters.get("language") or request.language
        if shown not in LANGUAGES:
            return SearchResponse(hits=[], total=0, correction=self.correct(words))
        limit = request.page * request.per_page
        allowed = self._filter(searcher, request)
        languages, response = {}, None
        for language in LANGUAGES:
            q = self._text_query(text, searcher.schema, language)
            if language != shown:
                languages[language] = self._matched(searcher, q, allowed)
                continue
            results, matched, facets = self._ranked(searcher, q, allowed, limit)
            languages[language] = matched
            page = results[limit - request.per_page: limit]
            hits = [self._hit(hit, results) for hit in page]  # highlights only what is shown
            response = SearchResponse(hits=hits, total=min(matched, COUNT_LIMIT),
                                      total_capped=matched > COUNT_LIMIT)
        facets["language"] = self._counts({language: min(count, COUNT_LIMIT)
                                           for language, count in languages.items()})
        response.facets = facets
        response.correction = self.correct(words)
        return response

    def _ranked(self, searcher, q, allowed, limit: int):
        """(Whoosh results holding the best `limit`, how many matched, facet counts). Every
        match is scored with arrays (`whoosh_scoring`), so the count and facets are exact;
        a query it cannot score goes through Whoosh's collector, with facets of the best
        `FACET_DEPTH` hits and Whoosh's estimate of the count."""
        try:
            matches = whoosh_scoring.evaluate(searcher, q, allowed)
        except whoosh_scoring.Unsupported:
            depth = max(limit, FACET_DEPTH)
            results = searcher.search(q, filter=allowed, limit=depth)
            return results, _match_count(results, depth), self._facet_counts(searcher, results)
        results = searching.Results(searcher, q, matches.top(limit))
        tallies = whoosh_scoring.facet_counts(searcher, matches.docnums, FACET_FIELDS)
        return results, len(matches), {name: self._counts(t) for name, t in tallies.items()}

    def _top(self, searcher, q, limit: int):
        """Whoosh results holding the best `limit` matches of `q` (see `_ranked`)."""
        try:
            return searching.Results(searcher, q,
                                     whoosh_scoring.evaluate(searcher, q).top(limit))
        except whoosh_scoring.Unsupported:
            return searcher.search(q, limit=limit)

    def _matched(self, searcher, q, allowed) -> int:
        """How many documents among `allowed` match `q`: exact (arrays, see `_ranked`), or
        exact up to `COUNT_LIMIT` for a query only Whoosh can run."""
        try:
            return len(whoosh_scoring.evaluate(searcher, q, allowed))
        except whoosh_scoring.Unsupported:
            return self._count(searcher, q, allowed, COUNT_LIMIT)

    @staticmethod
    def _count(searcher, q, allowed, depth: int = FACET_DEPTH) -> int:
        """Matches of `q` among `allowed` (None: all), exact up to `depth` and Whoosh's
        estimate beyond, as `_match_count` gives for a ranked search; nothing is scored."""
        count = 0
        for docnum in searcher.docs_for_query(q):
            if allowed is None or docnum in allowed:
                count += 1
                if count >= depth:
                    return max(count, q.estimate_size(searcher.reader()))
        return count

    def matches(self, request: SearchRequest) -> bool:
        words = _clean(request.text)
        shown = request.filters.get("language") or request.language
        if not words or shown not in LANGUAGES:
            return False
        searcher = self.searcher()
        text = self.decompound(words) + _expanded(request.expansions)
        q = self._text_query(text, searcher.schema, shown)
        return self._count(searcher, q, self._filter(searcher, request), depth=1) > 0

    def _facet_counts(self, searcher, results) -> dict[str, list[tuple[str, int]]]:
        """Facet values of the best `FACET_DEPTH` hits, read per segment from the columns (a
        segment in which no document has a value has no column) and the stored tags."""
        leaves = searcher.reader().leaf_readers()
        offsets = [offset for _reader, offset in leaves]
        tallies: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        columns: dict[int, dict] = {}
        for _score, docnum in results.top_n:
            n = bisect.bisect_right(offsets, docnum) - 1
            reader, local = leaves[n][0], docnum - offsets[n]
            if n not in columns:
                columns[n] = {name: reader.column_reader(field) for name, field
                              in FACET_FIELDS.items()
                              if name != "tag" and reader.has_column(field)}
            for name, column in columns[n].items():
                value = column[local]
                if value:
                    value = value.decode() if isinstance(value, bytes) else value
                    tallies[name][value] = tallies[name].get(value, 0) + 1
            for tag in (reader.stored_fields(local).get("tags") or "").split(","):
                if tag:
                    tallies["tag"][tag] = tallies["tag"].get(tag, 0) + 1
        return {name: self._counts(tally) for name, tally in tallies.items()}

    @staticmethod
    def _counts(groups: dict) -> list[tuple[str, int]]:
        pairs = [(value, count) for value, count in groups.items() if value and count]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))

    def _hit(self, hit, results) -> Hit:
        lang = hit["language"] if hit["language"] in LANGUAGES else LANGUAGES[0]
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        results.formatter = MarkFormatter(between=" … ")
        field = f"body_{lang}"
        searched = getattr(results, "vraagbaak_body_terms", {})
        if field not in searched:
            # Header suggestions search no body field: there is nothing to highlight, and
            # analysing 30 bodies to find that out was a third of a suggestion's time.
            searched[field] = bool(list(results.query_terms(expand=True, fieldname=field)))
            results.vraagbaak_body_terms = searched
        snippet = hit.highlights(field, text=hit["body_text"], top=2) if searched[field] else ""
        if not snippet:
            fallback = hit.get("summary") or hit["body_text"]
            snippet = snippets.excerpt(fallback, SNIPPET_CHARS)
        return Hit(
            key=hit["key"], type=hit["type"], language=hit["language"], title=hit["title_text"],
            url=hit["url"], snippet=snippets.frame(snippet, hit["body_text"]),
            category=hit.get("category") or "",
            product=hit.get("product") or "",
            tags=tuple(t for t in (hit.get("tags") or "").split(",") if t), score=hit.score or 0.0,
        )

    def frequency(self, word: str) -> int:
        return self.searcher().reader().doc_frequency("spell", word)

    def correct(self, words: str) -> str:
        """The query with each word missing from the index replaced by its closest indexed
        word; empty when every word is known or nothing better exists. "Closest" as Whoosh's
        spelling corrector has it: the most frequent word within two edits that shares the
        first letter (ties alphabetical)."""
        searcher = self.searcher()
        vocabulary = whoosh_vocabulary.vocabulary(searcher, "spell")
        changed, corrected = False, []
        for word in words.split():
            if len(word) > 3 and not vocabulary.frequency.get(word):
                near = vocabulary.within(word, 2, prefix=1)
                if near:
                    word = min(near, key=lambda w: (-vocabulary.frequency[w], w))
                    changed = True
            corrected.append(word)
        return " ".join(corrected) if changed else ""

    def suggest(self, text: str, language: str, limit: int, *, prefix: bool = True,
                expansions: tuple[str, ...] = ()) -> list[Hit]:
        """While typing (`prefix`), only the small title and key fields and title prefixes
        are searched; whole questions (the ask form) also reach the bodies. Fuzzy expansion
        only for words the vocabulary does not know, at most `FUZZY_TERMS` candidates."""
        words = _clean(text)
        if not words or language not in LANGUAGES:
            return []
        searcher = self.searcher()
        reader = searcher.reader()
        weighted = self.weighted(self.decompound(words), language) + _expanded(expansions)
        boosts = SUGGEST_FIELDS if prefix else FIELD_BOOSTS
        parts = [self._text_query(weighted, searcher.schema, language, boosts, grams=not prefix)]
        tokens = words.split()
        last = tokens[-1]
        if prefix and len(last) >= 2:
            parts += self._completions(searcher, language, last)
        unknown = [
            token for token in tokens
            if len(token) >= 4 and not is_filler(token, language)
            and not reader.frequency("spell", token) and not (prefix and token == last)
        ]
        if unknown:
            near = self._near_words(searcher, unknown)
            if near:
                parts.append(self._text_query(near, searcher.schema, language, boosts,
                                              grams=False))
        results = self._top(searcher, query.Or(parts), limit)
        if prefix and results.scored_length() == 0:
            # Nothing in the titles: the word may live only in a body or an answer
            # ("pompfilter"); one more, full-text pass only when the cheap one found nothing.
            full = self._text_query(weighted, searcher.schema, language, FIELD_BOOSTS,
                                    grams=False)
            results = self._top(searcher, full, limit)
        return [self._hit(hit, results) for hit in results]

    @staticmethod
    def _completions(searcher, language: str, head: str) -> list[query.Query]:
        """Title words that `head` (the word being typed) begins, as boosted terms."""
        fieldname = f"title_words_{language}"
        words = whoosh_vocabulary.vocabulary(searcher, fieldname).starting_with(
            head, COMPLETIONS)
        return [query.Term(fieldname, word, boost=COMPLETION_BOOST) for word in words]

    @staticmethod
    def _near_words(searcher, unknown: list[str]) -> str:
        """Vocabulary words one or two typos from each unknown word, the most frequent
        `FUZZY_TERMS`, as low-boost query text."""
        vocabulary = whoosh_vocabulary.vocabulary(searcher, "spell")
        found = []
        for token in unknown:
            maxdist = 1 if len(token) < 8 else 2
            near = sorted(vocabulary.within(token, maxdist, prefix=1),
                          key=lambda w: -vocabulary.documents[w])
            found += near[:FUZZY_TERMS]
        return " ".join(f"{word}^{FUZZY_BOOST}" for word in found)

    # -- writing ---------------------------------------------------------------------------

    def replace_groups(self, groups: dict[str, list[Document]]) -> None:
        ix = index.open_dir(self._ensure_index())
        writer = ix.writer(timeout=30.0)
        try:
            _upgrade_schema(writer)
            for group, docs in groups.items():
                writer.delete_by_term("group", group)
                for doc in docs:
                    writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def digests(self) -> dict[str, str]:
        """Documents written under an older `SCHEMA_VERSION` have no valid digest."""
        searcher = self.searcher()
        return {f["key"]: f["digest"] if f.get("schema") == SCHEMA_VERSION else ""
                for f in searcher.all_stored_fields()}

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None,
                procs: int = 1) -> None:
        """`procs` > 1 analyses documents in that many processes (Whoosh's MpWriter, one
        segment each), for big rebuilds: `rebuild_search_index` uses every core above
        `PARALLEL_FROM` items."""
        self.root.mkdir(parents=True, exist_ok=True)
        folder = self._new_folder()
        options = {"procs": procs, "multisegment": True} if procs > 1 else {}
        writer = index.open_dir(folder).writer(limitmb=256, **options)
        try:
            for _group, docs in groups:
                for doc in docs:
                    writer.add_document(**_fields(doc))
                if progress is not None:
                    progress.update(1)
        except BaseException:
            writer.cancel()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        writer.commit()
        with self.writer_lock(blocking=True):
            self._swap(folder)

    def clear(self) -> None:
        with self.writer_lock(blocking=True):
            self._swap(self._new_folder())
