"""The default backend: a Whoosh index in a folder of its own (`SEARCH["PATH"]`).

Layout: `<PATH>/current` is a symlink to the live index folder (`index-<stamp>`); a rebuild
writes a new folder and replaces the symlink in one `rename`, so readers never see a half-built
index. Writers serialise on `<PATH>/write.lock` (flock), the long-running worker announces
itself by holding `<PATH>/worker.lock`. Readers keep one searcher per thread and refresh it
(cheap when nothing changed) instead of reopening the index per request.
"""

from __future__ import annotations

import fcntl
import html
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import highlight, index, qparser, query, scoring, sorting
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ..analysis import (
    LANGUAGES,
    fold,
    gram_analyzer,
    language_analyzer,
    plain_analyzer,
    prefix_analyzer,
)
from ..registry import Document
from .base import Hit, SearchBackend, SearchRequest, SearchResponse

FIELD_BOOSTS = {"title": 4.0, "keys": 3.0, "body": 1.0}
GRAMS_BOOST = 0.4
SNIPPET_CHARS = 220
MAX_BOOST = 10.0  # upper bound of a document's boost, for Whoosh's score bounds
FACET_FIELDS = {"type": "type", "category": "category", "product": "product", "tag": "tags"}


def build_schema() -> Schema:
    fields = {
        "key": ID(stored=True, unique=True),
        "group": ID(stored=True),
        # Facet fields are columns (sortable), so counting facets reads a column per matching
        # document instead of walking posting lists. (Term vectors on tags would help the tag
        # facet, but Whoosh 2.7 then fails to open segments in which no document has tags.)
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
        "grams": TEXT(analyzer=gram_analyzer(), multitoken_query="and"),
        "prefix": TEXT(analyzer=prefix_analyzer()),
        "spell": TEXT(analyzer=plain_analyzer(), spelling=True),
    }
    for language in LANGUAGES:
        for name in FIELD_BOOSTS:
            fields[f"{name}_{language}"] = TEXT(analyzer=language_analyzer(language))
    return Schema(**fields)


class BoostedBM25F(scoring.BM25F):
    """BM25F times each document's own boost (verified answers, helpful articles...), read
    from the `boost` column of the segment being scored."""

    def supports_block_quality(self):
        return False

    def scorer(self, searcher, fieldname, text, qf=1):
        inner = super().scorer(searcher, fieldname, text, qf=qf)
        reader = searcher.reader()
        if not reader.has_column("boost"):
            return inner
        return _BoostScorer(inner, reader.column_reader("boost"))


class _BoostScorer(scoring.BaseScorer):
    def __init__(self, inner, column):
        self.inner = inner
        self.column = column

    def supports_block_quality(self):
        return False  # the boost breaks BM25's per-block upper bounds

    def max_quality(self):
        return self.inner.max_quality() * MAX_BOOST

    def score(self, matcher):
        return self.inner.score(matcher) * (self.column[matcher.id()] or 1000) / 1000


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
        "boost": round(float(doc.boost) * 1000),
        f"title_{lang}": doc.title,
        f"keys_{lang}": keys,
        f"body_{lang}": body,
        "grams": f"{doc.title} {keys}",
        "prefix": doc.title,
        "spell": f"{doc.title} {keys} {body}",
    }


def _open_searcher(folder: Path, attempts: int = 10):
    """Open the newest generation of the index in `folder`.

    The writer's commit deletes the segment files that merged away; a reader that read the
    previous table of contents a moment before finds them gone (FileNotFoundError). Reading the
    table of contents again names only files that exist, so a few attempts always succeed.
    """
    for _ in range(attempts - 1):
        try:
            return index.open_dir(folder).searcher(weighting=BoostedBM25F())
        except FileNotFoundError:
            continue
    return index.open_dir(folder).searcher(weighting=BoostedBM25F())


def _clean(text: str) -> str:
    """Folded words only: no parser syntax reaches Whoosh (operators, quotes, wildcards)."""
    return fold(text)


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
        """This thread's searcher, reopened after a swap and refreshed after commits."""
        folder = self._ensure_index()
        local = self._local
        if getattr(local, "folder", None) != folder:
            if getattr(local, "searcher", None) is not None:
                local.searcher.close()
            local.folder = folder
            local.searcher = _open_searcher(folder)
        elif not local.searcher.up_to_date():
            # A fresh searcher, not refresh(): refresh() shares segment readers with the old
            # searcher, whose eventual close would then break the new one (ReaderClosed).
            local.searcher = _open_searcher(folder)
        return local.searcher

    def _text_query(self, words: str, schema) -> query.Query:
        fields = [f"{n}_{lang}" for n in FIELD_BOOSTS for lang in LANGUAGES] + ["grams"]
        boosts = {f"{n}_{lang}": b for n, b in FIELD_BOOSTS.items() for lang in LANGUAGES}
        boosts["grams"] = GRAMS_BOOST
        parser = qparser.MultifieldParser(
            fields, schema, fieldboosts=boosts, group=qparser.OrGroup.factory(0.9)
        )
        parser.remove_plugin_class(qparser.WildcardPlugin)
        return parser.parse(words)

    def _filter(self, request: SearchRequest, *, with_language: bool):
        terms = [
            query.Term(FACET_FIELDS[name], value)
            for name, value in request.filters.items()
            if name in FACET_FIELDS and value
        ]
        if with_language:
            language = request.filters.get("language") or request.language
            terms.append(query.Term("language", language))
        return query.And(terms) if terms else None

    def decompound(self, words: str) -> str:
        """Append the parts of unknown long words that split into two indexed words, so the
        Dutch compound "retourkosten" also finds "retour" and "kosten" (the n-gram field does
        the opposite direction: a part finds the compound)."""
        reader = self.searcher().reader()
        extra = []
        for word in words.split():
            if len(word) < 8 or reader.frequency("spell", word):
                continue
            for cut in range(len(word) - 3, 2, -1):
                head, tail = word[:cut], word[cut:]
                if reader.frequency("spell", head) and reader.frequency("spell", tail):
                    extra += [head, tail]
                    break
        return " ".join([words, *extra])

    def search(self, request: SearchRequest) -> SearchResponse:
        words = _clean(request.text)
        if not words:
            return SearchResponse(hits=[], total=0)
        searcher = self.searcher()
        q = self._text_query(self.decompound(words), searcher.schema)
        facets = sorting.Facets()
        for name, fieldname in FACET_FIELDS.items():
            facet = sorting.FieldFacet(
                fieldname, allow_overlap=name == "tag", maptype=sorting.Count
            )
            facets.add_facet(name, facet)
        limit = request.page * request.per_page
        results = searcher.search(
            q, filter=self._filter(request, with_language=True), limit=limit, groupedby=facets
        )
        hits = [self._hit(hit, results) for hit in results[limit - request.per_page : limit]]
        counts = {name: self._counts(results.groups(name)) for name in FACET_FIELDS}
        languages = searcher.search(
            q, filter=self._filter(request, with_language=False), limit=1,
            groupedby=sorting.FieldFacet("language", maptype=sorting.Count),
        )
        counts["language"] = self._counts(languages.groups("language"))
        return SearchResponse(
            hits=hits, total=len(results), facets=counts, correction=self.correct(words)
        )

    @staticmethod
    def _counts(groups: dict) -> list[tuple[str, int]]:
        pairs = [(value, count) for value, count in groups.items() if value]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))

    def _hit(self, hit, results) -> Hit:
        lang = hit["language"] if hit["language"] in LANGUAGES else LANGUAGES[0]
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        results.formatter = MarkFormatter(between=" … ")
        snippet = hit.highlights(f"body_{lang}", text=hit["body_text"], top=2)
        if not snippet:
            fallback = hit.get("summary") or hit["body_text"]
            snippet = html.escape(fallback[:SNIPPET_CHARS])
        return Hit(
            key=hit["key"], type=hit["type"], language=hit["language"], title=hit["title_text"],
            url=hit["url"], snippet=snippet, category=hit.get("category") or "",
            product=hit.get("product") or "",
            tags=tuple(t for t in (hit.get("tags") or "").split(",") if t), score=hit.score or 0.0,
        )

    def correct(self, words: str) -> str:
        """The query with each word missing from the index replaced by its closest indexed
        word; empty when every word is known or nothing better exists."""
        searcher = self.searcher()
        corrector = searcher.corrector("spell")
        reader = searcher.reader()
        changed, corrected = False, []
        for word in words.split():
            if len(word) > 3 and not reader.frequency("spell", word):
                best = corrector.suggest(word, limit=1, maxdist=2, prefix=1)
                if best:
                    word, changed = best[0], True
            corrected.append(word)
        return " ".join(corrected) if changed else ""

    def suggest(self, text: str, language: str, limit: int) -> list[Hit]:
        words = _clean(text)
        if not words:
            return []
        searcher = self.searcher()
        parts = [self._text_query(words, searcher.schema)]
        tokens = words.split()
        last = tokens[-1]
        if len(last) >= 2:
            parts.append(query.Term("prefix", last[:15], boost=2.0))
        parts += [
            query.FuzzyTerm("spell", token, maxdist=1 if len(token) < 8 else 2, prefixlength=1)
            for token in tokens
            if len(token) >= 4
        ]
        results = searcher.search(
            query.Or(parts), filter=query.Term("language", language), limit=limit
        )
        return [self._hit(hit, results) for hit in results]

    # -- writing ---------------------------------------------------------------------------

    def replace_groups(self, groups: dict[str, list[Document]]) -> None:
        ix = index.open_dir(self._ensure_index())
        writer = ix.writer(timeout=30.0)
        try:
            for group, docs in groups.items():
                writer.delete_by_term("group", group)
                for doc in docs:
                    writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def digests(self) -> dict[str, str]:
        searcher = self.searcher()
        return {f["key"]: f["digest"] for f in searcher.all_stored_fields()}

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None,
                procs: int = 1) -> None:
        """`procs` > 1 analyses documents in that many processes (Whoosh's MpWriter), for big
        rebuilds and the benchmark."""
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
