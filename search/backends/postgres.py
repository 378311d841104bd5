"""The shared backend: PostgreSQL full-text search, for several web servers on one database.

Documents live in `search.SearchDocument`. Each row's tsvector is built with its language's
configuration ('dutch' or 'english', accents removed with unaccent): title weight A, tags,
category and product B, body C. Queries OR the words (like the Whoosh backend), rank with
ts_rank_cd times the document boost, and add pg_trgm word similarity on titles and tags so
typos and partial words still match. Writers serialise on a PostgreSQL advisory lock.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from ..analysis import fold
from ..models import SearchDocument
from ..registry import Document
from .base import Hit, SearchBackend, SearchRequest, SearchResponse

WRITER_LOCK, WORKER_LOCK = 0x5EA1C4, 0x5EA1C5
FACET_COLUMNS = {"type": "type", "category": "category", "product": "product"}
START, STOP = "\ue000", "\ue001"  # headline markers, replaced by <mark> after escaping
TYPO_SIMILARITY = 0.45
CONFIG = "(CASE WHEN d.language = 'en' THEN 'english' ELSE 'dutch' END)::regconfig"
QUERY = "(CASE WHEN d.language = 'en' THEN q.en ELSE q.nl END)"


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w][:32]


def _tsquery_text(words: list[str], *, prefix_last: bool) -> str:
    terms = list(words)
    if prefix_last and terms and len(terms[-1]) >= 2:
        terms[-1] += ":*"
    return " | ".join(terms)


class PostgresBackend(SearchBackend):
    def __init__(self):
        self._worker_cursor = None

    # -- locks ------------------------------------------------------------------------------

    @contextmanager
    def _advisory(self, key: int, *, blocking: bool) -> Iterator[bool]:
        with connection.cursor() as cursor:
            if blocking:
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
                acquired = True
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])

    def writer_lock(self, *, blocking: bool):
        return self._advisory(WRITER_LOCK, blocking=blocking)

    def worker_lock(self, *, blocking: bool):
        return self._advisory(WORKER_LOCK, blocking=blocking)

    def worker_present(self) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                "AND objid = %s AND granted AND pid <> pg_backend_pid())", [WORKER_LOCK]
            )
            return cursor.fetchone()[0]

    # -- reading ----------------------------------------------------------------------------

    def _match(self, request: SearchRequest, words: list[str], *, with_language: bool,
               prefix_last: bool = False) -> tuple[str, list]:
        """FROM/WHERE of the matching documents, and its parameters."""
        text = _tsquery_text(words, prefix_last=prefix_last)
        folded = " ".join(words)
        sql = (
            " FROM search_searchdocument d, "
            "(SELECT to_tsquery('dutch', %s) AS nl, to_tsquery('english', %s) AS en) q "
            f"WHERE (d.vector @@ {QUERY} OR word_similarity(%s, d.words) >= %s)"
        )
        params: list = [text, text, folded, TYPO_SIMILARITY]
        for name, value in request.filters.items():
            if name in FACET_COLUMNS and value:
                sql += f" AND d.{FACET_COLUMNS[name]} = %s"
                params.append(value)
            elif name == "tag" and value:
                sql += " AND d.tags @> %s::jsonb"
                params.append(json.dumps([value]))
        if with_language:
            sql += " AND d.language = %s"
            params.append(request.filters.get("language") or request.language)
        return sql, params

    def _rank(self) -> str:
        return (
            f"(ts_rank_cd(d.vector, {QUERY}) + 0.3 * word_similarity(%s, d.words)) * d.boost"
        )

    def search(self, request: SearchRequest) -> SearchResponse:
        words = _words(request.text)
        if not words:
            return SearchResponse(hits=[], total=0)
        where, params = self._match(request, words, with_language=True)
        offset = (request.page - 1) * request.per_page
        hits = self._hits(where, params, words, limit=request.per_page, offset=offset)
        facets = {name: self._counts(column, where, params)
                  for name, column in FACET_COLUMNS.items()}
        facets["tag"] = self._tag_counts(where, params)
        all_languages, lang_params = self._match(request, words, with_language=False)
        facets["language"] = self._counts("language", all_languages, lang_params)
        total = sum(count for _value, count in facets["type"])
        correction = self.correct(words)
        return SearchResponse(hits=hits, total=total, facets=facets, correction=correction)

    def _hits(self, where: str, params: list, words: list[str], *, limit: int,
              offset: int = 0) -> list[Hit]:
        headline = (
            f"ts_headline({CONFIG}, d.body, {QUERY}, "
            f"'StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12')"
        )
        sql = (
            f"SELECT d.key, d.type, d.language, d.title, d.url, {headline}, d.summary, "
            f"d.category, d.product, d.tags, {self._rank()} AS rank {where} "
            "ORDER BY rank DESC, d.key LIMIT %s OFFSET %s"
        )
        folded = " ".join(words)
        with connection.cursor() as cursor:
            cursor.execute(sql, [folded, *params, limit, offset])
            rows = cursor.fetchall()
        return [
            Hit(key=key, type=type_, language=language, title=title, url=url,
                snippet=self._snippet(headline_text, summary), category=category,
                product=product, tags=tuple(tags or ()), score=float(rank))
            for key, type_, language, title, url, headline_text, summary, category, product,
            tags, rank in rows
        ]

    @staticmethod
    def _snippet(headline: str, summary: str) -> str:
        if START not in (headline or ""):
            return html.escape((summary or headline or "")[:220])
        escaped = html.escape(headline, quote=False)
        return escaped.replace(START, "<mark>").replace(STOP, "</mark>")

    def _counts(self, column: str, where: str, params: list) -> list[tuple[str, int]]:
        sql = (f"SELECT d.{column}, count(*) {where} AND d.{column} <> '' "
               f"GROUP BY d.{column} ORDER BY count(*) DESC, d.{column}")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(value, count) for value, count in cursor.fetchall()]

    def _tag_counts(self, where: str, params: list) -> list[tuple[str, int]]:
        unnest = " q, jsonb_array_elements_text(d.tags) t(tag) WHERE "
        unnested = where.replace(" q WHERE ", unnest, 1)
        sql = f"SELECT t.tag, count(*) {unnested} GROUP BY t.tag ORDER BY count(*) DESC, t.tag"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def correct(self, words: list[str] | str) -> str:
        """Each word absent from titles and tags replaced by the most similar word there."""
        if isinstance(words, str):
            words = _words(words)
        changed, corrected = False, []
        with connection.cursor() as cursor:
            for word in words:
                # Known words are cheap to confirm through the trigram index on `words`.
                cursor.execute("SELECT EXISTS (SELECT 1 FROM search_searchdocument "
                               "WHERE words ~ %s)", [rf"\m{word}\M"])
                if len(word) > 3 and not cursor.fetchone()[0]:
                    cursor.execute(
                        "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', words) "
                        "FROM search_searchdocument') WHERE similarity(word, %s) > 0.3 "
                        "ORDER BY word = %s DESC, similarity(word, %s) DESC, nentry DESC LIMIT 1",
                        [word, word, word],
                    )
                    row = cursor.fetchone()
                    if row and row[0] != word:
                        word, changed = row[0], True
                corrected.append(word)
        return " ".join(corrected) if changed else ""

    def suggest(self, text: str, language: str, limit: int) -> list[Hit]:
        words = _words(text)
        if not words:
            return []
        request = SearchRequest(text=text, language=language)
        where, params = self._match(request, words, with_language=True, prefix_last=True)
        return self._hits(where, params, words, limit=limit)

    # -- writing ----------------------------------------------------------------------------

    @staticmethod
    def _row(doc: Document) -> SearchDocument:
        keys = " ".join([*doc.tags, doc.category, doc.product])
        return SearchDocument(
            key=doc.key, group=doc.group, type=doc.type, language=doc.language,
            title=doc.title, url=doc.url, body=f"{doc.summary}\n{doc.body}".strip(),
            summary=doc.summary, tags=list(doc.tags), category=doc.category,
            product=doc.product, boost=doc.boost, digest=doc.digest,
            words=fold(f"{doc.title} {keys}"),
        )

    @staticmethod
    def _vectorise(where: str = "", params: Iterable = ()) -> None:
        config = CONFIG.replace("d.", "")
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchdocument SET vector = "  # noqa: S608 (constants only)
                f"setweight(to_tsvector({config}, unaccent(title)), 'A') || "
                f"setweight(to_tsvector({config}, unaccent(words)), 'B') || "
                f"setweight(to_tsvector({config}, unaccent(body)), 'C') {where}",
                list(params),
            )

    @transaction.atomic
    def replace_groups(self, groups: dict[str, list[Document]]) -> None:
        if not groups:
            return
        SearchDocument.objects.filter(group__in=list(groups)).delete()
        SearchDocument.objects.bulk_create(
            [self._row(doc) for docs in groups.values() for doc in docs], batch_size=500
        )
        self._vectorise('WHERE "group" = ANY(%s)', [list(groups)])

    def digests(self) -> dict[str, str]:
        return dict(SearchDocument.objects.values_list("key", "digest"))

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None) -> None:
        # One transaction: readers see the old documents until the new ones commit.
        with transaction.atomic(), self.writer_lock(blocking=True):
            SearchDocument.objects.all().delete()
            batch: list[SearchDocument] = []
            for _group, docs in groups:
                batch += [self._row(doc) for doc in docs]
                if len(batch) >= 1000:
                    SearchDocument.objects.bulk_create(batch)
                    batch = []
                if progress is not None:
                    progress.update(1)
            SearchDocument.objects.bulk_create(batch)
            self._vectorise()

    def clear(self) -> None:
        SearchDocument.objects.all().delete()
