"""The shared backend: PostgreSQL full-text search, for several web servers on one database.

Documents live in `search.SearchDocument`. Each row stores a tsvector built with its language's
configuration ('dutch' or 'english', accents removed with unaccent): title weight A, tags,
category, product and phrasings B, body C; and a title vector (A and B only) for as-you-type
suggestions. Every match is a plain `vector @@ tsquery` so the GIN indexes answer it; ranking is
ts_rank_cd with length normalisation times the document boost.

Typos go through the vocabulary (`search.VocabularyWord`, kept up to date by every write): its
trigram index finds the nearest words of a query word it does not know, for "did you mean"
and, in suggestions, as extra words to match; it also splits glued words. A search costs three
SQL queries (vocabulary, facets, hits), a suggestion two (three when, while typing, no title
matched). Writers serialise on a PostgreSQL advisory lock and bump `search.IndexGeneration`, on
which result caches are keyed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from .. import snippets
from ..analysis import edit_distance, fold, is_filler, split_glued
from ..registry import Document
from .base import Hit, SearchBackend, SearchRequest, SearchResponse

WRITER_LOCK, WORKER_LOCK = 0x5EA1C4, 0x5EA1C5
FACET_COLUMNS = {"type": "type", "category": "category", "product": "product"}
START, STOP = "\ue000", "\ue001"  # headline markers, replaced by <mark> after escaping
# ts_rank_cd normalisation: 1 divides by 1 + log(length) so long documents do not win on sheer
# number of matches (issue 10: wrong top hits had 665 terms, right ones 97); 32 maps the rank
# into [0, 1) so the document boost weighs the same on short and long documents.
NORMALISATION = 1 | 32
NEAR_CANDIDATES = 30  # nearest vocabulary words looked at per unknown word
FUZZY_TERMS = 3  # of which at most this many (the most frequent) also match


def _config(language: str) -> str:
    return "english" if language == "en" else "dutch"


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w][:32]


def _tsquery_text(words: list[str], *, prefix_last: bool, language: str = "") -> str:
    # Filler ("help", "wil") only matches when the query is nothing else.
    terms = [w for w in words if not is_filler(w, language)] or list(words)
    if prefix_last and terms and len(terms[-1]) >= 2:
        terms[-1] += ":*"
    return " | ".join(dict.fromkeys(terms))


def _closest(word: str, candidates: list[tuple[str, int]]) -> str:
    """The candidate fewest edits away (at most 2), then the most frequent (the same rule as
    Whoosh's corrector: "storm" -> "start", which trigram similarity alone ranks too low)."""
    near = [(edit_distance(word, c), -n, c) for c, n in candidates if c[:1] == word[:1]]
    near = [row for row in near if row[0] <= 2]
    return min(near)[2] if near else ""


def _fuzzy(word: str, candidates: list[tuple[str, int]]) -> list[str]:
    """The most frequent vocabulary words one typo from `word` (two for long words), or
    that complete it ("wasmach" -> "wasmachine"): what an unknown word also matches."""
    most = 1 if len(word) < 8 else 2
    near = [(n, c) for c, n in candidates
            if edit_distance(word, c) <= most or (len(word) >= 5 and c.startswith(word))]
    return [c for _n, c in sorted(near, reverse=True)[:FUZZY_TERMS]]


@dataclass
class Analysed:
    """A query after the vocabulary lookup: the words to match, the correction to offer."""

    words: list[str]
    match: list[str]
    correction: str = ""
    near: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


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

    def generation(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM search_indexgeneration WHERE id = 1")
            row = cursor.fetchone()
        return f"pg:{row[0] if row else 0}"

    # -- the vocabulary ---------------------------------------------------------------------

    def analyse(self, words: list[str], language: str, *, typing: str = "",
                fuzzy: bool = False) -> Analysed:
        """One query: which words (and parts of long words) the vocabulary knows, and the
        nearest vocabulary words of each unknown word. Unknown long words that split into two
        known words ("retourkosten", "deliveryaddress") match their parts; with `fuzzy`
        (suggestions) other unknown words also match their closest frequent vocabulary words,
        while the search page offers the correction instead. `typing`: the unfinished last
        word, which is neither corrected nor expanded (it matches as a prefix)."""
        long = [w for w in words if len(w) >= 7]
        parts = {w[:cut] for w in long for cut in range(2, len(w) - 2)}
        parts |= {w[cut:] for w in long for cut in range(2, len(w) - 2)}
        # Middle pieces too, for compounds of three or four parts (`split_glued`).
        parts |= {w[i:j] for w in long if len(w) <= 24
                  for i in range(2, len(w) - 4) for j in range(i + 2, len(w) - 2)}
        parts |= {p[:-1] for p in parts if p.endswith("s")}
        unknown_candidates = [w for w in words if len(w) > 3 and w != typing]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT q.w, q.known, n.word, n.documents FROM (SELECT w, EXISTS (SELECT 1 "
                "FROM search_vocabularyword v WHERE v.word = w) AS known "
                "FROM unnest(%s::text[]) w) q "
                "LEFT JOIN LATERAL (SELECT v.word, v.documents FROM search_vocabularyword v "
                "WHERE NOT q.known AND q.w = ANY(%s) AND v.language = %s "
                "AND left(v.word, 1) = left(q.w, 1) ORDER BY v.word <-> q.w LIMIT %s) n ON true",
                [sorted(set(words) | parts), unknown_candidates, language, NEAR_CANDIDATES],
            )
            rows = cursor.fetchall()
        known = {w for w, is_known, _n, _d in rows if is_known}
        near: dict[str, list[tuple[str, int]]] = {}
        for w, _known, word, documents in rows:
            if word is not None:
                near.setdefault(w, []).append((word, documents))
        match, changed, corrected = list(words), False, []
        for word in words:
            split = split_glued(word, known.__contains__) if word in long else []
            match += split
            if fuzzy and word not in known and not split and not is_filler(word, language):
                match += _fuzzy(word, near.get(word, []))
            best = _closest(word, near.get(word, [])) if word not in known else ""
            if best and best != word:
                word, changed = best, True
            corrected.append(word)
        return Analysed(words=words, match=match, near=near,
                        correction=" ".join(corrected) if changed else "")

    def frequency(self, word: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(documents), 0) FROM search_vocabularyword "
                           "WHERE word = %s", [word])
            return cursor.fetchone()[0]

    # -- reading ----------------------------------------------------------------------------

    @staticmethod
    def _filters(request: SearchRequest) -> tuple[str, list]:
        sql, params = "", []
        for name, value in request.filters.items():
            if name in FACET_COLUMNS and value:
                sql += f" AND d.{FACET_COLUMNS[name]} = %s"
                params.append(value)
            elif name == "tag" and value:
                sql += " AND d.tags @> %s::jsonb"
                params.append(json.dumps([value]))
        return sql, params

    def search(self, request: SearchRequest) -> SearchResponse:
        words = _words(request.text)
        if not words:
            return SearchResponse(hits=[], total=0)
        analysed = self.analyse(words, request.language)
        text = _tsquery_text(analysed.match + _words(" ".join(request.expansions)),
                             prefix_last=False, language=request.language)
        shown = request.filters.get("language") or request.language
        facets, total = self._facets(request, text, shown)
        offset = (request.page - 1) * request.per_page
        hits = self._hits(text, shown, request, limit=request.per_page, offset=offset)
        return SearchResponse(hits=hits, total=total, facets=facets,
                              correction=analysed.correction)

    def matches(self, request: SearchRequest) -> bool:
        """One query, stopping at the first match (GIN index)."""
        words = _words(request.text)
        if not words:
            return False
        text = _tsquery_text(words + _words(" ".join(request.expansions)), prefix_last=False,
                             language=request.language)
        shown = request.filters.get("language") or request.language
        config = _config(shown)
        filters, params = self._filters(request)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM search_searchdocument d "  # noqa: S608 (constants)
                f"WHERE d.vector @@ to_tsquery('{config}', %s) AND d.language = %s{filters})",
                [text, shown, *params],
            )
            return cursor.fetchone()[0]

    def _facets(self, request: SearchRequest, text: str,
                shown: str) -> tuple[dict[str, list[tuple[str, int]]], int]:
        """Every facet in one pass over the matched documents: the language facet counts all
        languages (each matched with its own configuration), the others the shown one."""
        filters, params = self._filters(request)
        columns = "".join(f"UNION ALL SELECT '{name}', "  # noqa: S608 (constants)
                          f"{column}, count(*) FROM s "
                          f"WHERE {column} <> '' GROUP BY {column} "
                          for name, column in FACET_COLUMNS.items())
        sql = (
            "WITH m AS MATERIALIZED ("  # noqa: S608 (constants; values are parameters)
            "SELECT d.language, d.type, d.category, d.product, d.tags "
            "FROM search_searchdocument d WHERE ((d.language = 'en' AND d.vector @@ "
            "to_tsquery('english', %s)) OR (d.language <> 'en' AND d.vector @@ "
            f"to_tsquery('dutch', %s))){filters}), "
            "s AS (SELECT * FROM m WHERE language = %s) "
            f"SELECT 'total', '', count(*) FROM s {columns}"
            "UNION ALL SELECT 'tag', t, count(*) FROM s, jsonb_array_elements_text(s.tags) t "
            "GROUP BY t UNION ALL SELECT 'language', language, count(*) FROM m "
            "WHERE language <> '' GROUP BY language"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [text, text, *params, shown])
            rows = cursor.fetchall()
        facets: dict[str, list[tuple[str, int]]] = {name: [] for name in
                                                     [*FACET_COLUMNS, "tag", "language"]}
        total = 0
        for name, value, count in rows:
            if name == "total":
                total = count
            else:
                facets[name].append((value, count))
        for name, counts in facets.items():
            facets[name] = sorted(counts, key=lambda pair: (-pair[1], pair[0]))
        return facets, total

    def _hits(self, text: str, language: str, request: SearchRequest, *, limit: int,
              offset: int = 0, column: str = "vector") -> list[Hit]:
        """The best documents of `language` matching `text`, ranked on `column`; snippets
        only for the returned page."""
        config = _config(language)
        filters, params = self._filters(request)
        headline = (
            f"ts_headline('{config}', d.body, to_tsquery('{config}', %s), "
            f"'StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12')"
        )
        sql = (
            "SELECT d.key, d.type, d.language, d.title, d.url, "  # noqa: S608 (constants)
            f"{headline}, d.summary, d.body, "
            "d.category, d.product, d.tags, top.rank FROM (SELECT d.id, d.key, "
            f"ts_rank_cd(d.{column}, to_tsquery('{config}', %s), {NORMALISATION}) * d.boost "
            f"AS rank FROM search_searchdocument d WHERE d.{column} @@ "
            f"to_tsquery('{config}', %s) AND d.language = %s{filters} "
            "ORDER BY rank DESC, d.key LIMIT %s OFFSET %s) top JOIN search_searchdocument d "
            "ON d.id = top.id ORDER BY top.rank DESC, top.key"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [text, text, text, language, *params, limit, offset])
            rows = cursor.fetchall()
        return [
            Hit(key=key, type=type_, language=language, title=title, url=url,
                snippet=snippets.frame(self._snippet(headline_text, summary), body),
                category=category,
                product=product, tags=tuple(tags or ()), score=float(rank))
            for key, type_, language, title, url, headline_text, summary, body, category, product,
            tags, rank in rows
        ]

    @staticmethod
    def _snippet(headline: str, summary: str) -> str:
        if START not in (headline or ""):
            return snippets.excerpt(summary or headline or "", 220)
        escaped = html.escape(headline, quote=False)
        return escaped.replace(START, "<mark>").replace(STOP, "</mark>")

    def correct(self, words: list[str] | str, language: str = "nl") -> str:
        """Each word the vocabulary does not know replaced by its closest frequent word."""
        if isinstance(words, str):
            words = _words(words)
        return self.analyse(words, language).correction if words else ""

    def suggest(self, text: str, language: str, limit: int, *, prefix: bool = True,
                expansions: tuple[str, ...] = ()) -> list[Hit]:
        """While typing (`prefix`) only titles, tags and phrasings are searched (the small
        title vector), and the bodies only when they found nothing; whole questions (the ask
        form) search everything."""
        words = _words(text)
        if not words:
            return []
        request = SearchRequest(text=text, language=language)
        analysed = self.analyse(words, language, typing=words[-1] if prefix else "",
                                fuzzy=True)
        # Synonyms go first so the prefix stays on the word being typed.
        matched = _words(" ".join(expansions)) + [w for w in analysed.match if w != words[-1]]
        query = _tsquery_text([*matched, words[-1]], prefix_last=prefix, language=language)
        if not prefix:
            return self._hits(query, language, request, limit=limit)
        return (self._hits(query, language, request, limit=limit, column="title_vector")
                or self._hits(query, language, request, limit=limit))

    # -- writing ----------------------------------------------------------------------------

    @staticmethod
    def _insert(docs: list[Document]) -> None:
        """Insert `docs` with both vectors computed in the same statement (one write per row)."""
        if not docs:
            return
        columns = {
            "key": [d.key for d in docs], "group": [d.group for d in docs],
            "type": [d.type for d in docs], "language": [d.language for d in docs],
            "title": [d.title for d in docs], "url": [d.url for d in docs],
            "body": [f"{d.summary}\n{d.body}".strip() for d in docs],
            "summary": [d.summary for d in docs],
            "tags": [json.dumps(list(d.tags)) for d in docs],
            "category": [d.category for d in docs], "product": [d.product for d in docs],
            "digest": [d.digest for d in docs],
            "words": [fold(" ".join([d.title, *d.tags, d.category, d.product, *d.phrasings]))
                      for d in docs],
            "keys": [" ".join([*d.tags, d.category, d.product, *d.phrasings]) for d in docs],
        }
        boosts = [float(d.boost) for d in docs]
        config = "(CASE WHEN r.language = 'en' THEN 'english' ELSE 'dutch' END)::regconfig"
        head = (f"setweight(to_tsvector({config}, unaccent(r.title)), 'A') || "
                f"setweight(to_tsvector({config}, unaccent(r.keys)), 'B')")
        names = ", ".join(f'"{name}"' for name in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_searchdocument "  # noqa: S608 (constants; values are %s)
                '(key, "group", type, language, title, url, '
                "body, summary, tags, category, product, digest, words, boost, vector, "
                "title_vector) "
                'SELECT r.key, r."group", r.type, r.language, r.title, r.url, r.body, r.summary, '
                "r.tags::jsonb, r.category, r.product, r.digest, r.words, r.boost, "
                f"h.head || setweight(to_tsvector({config}, unaccent(r.body)), 'C'), h.head "
                f"FROM unnest({', '.join(['%s::text[]'] * len(columns))}, %s::float8[]) "
                f"AS r({names}, boost), LATERAL (SELECT {head} AS head) h",
                [*columns.values(), boosts],
            )

    @staticmethod
    def _count_words(where: str, params: list, *, sign: int) -> None:
        """Add (sign 1) or remove (-1) the documents matching `where` to the vocabulary."""
        words = (
            "SELECT w, d.language, count(*) AS n "  # noqa: S608 (`where` is ours, values %s)
            "FROM search_searchdocument d, unnest(tsvector_to_array(to_tsvector('simple', "
            "d.words || ' ' || unaccent(d.body)))) w "
            f"WHERE {where} AND w ~ '^[a-z0-9]+$' AND length(w) <= 100 "
            "GROUP BY w, d.language"
        )
        with connection.cursor() as cursor:
            if sign > 0:
                cursor.execute(
                    f"INSERT INTO search_vocabularyword (word, language, documents) {words} "
                    "ON CONFLICT (word, language) DO UPDATE "
                    "SET documents = search_vocabularyword.documents + excluded.documents", params)
            else:
                cursor.execute(
                    "UPDATE search_vocabularyword v "  # noqa: S608 (our own subquery)
                    "SET documents = v.documents - c.n "
                    f"FROM ({words}) c WHERE v.word = c.w AND v.language = c.language",
                    params)
                cursor.execute("DELETE FROM search_vocabularyword WHERE documents <= 0")

    @staticmethod
    def _bump() -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_indexgeneration (id, value) VALUES (1, 1) "
                           "ON CONFLICT (id) DO UPDATE SET value = "
                           "search_indexgeneration.value + 1")

    @transaction.atomic
    def replace_groups(self, groups: dict[str, list[Document]]) -> None:
        if not groups:
            return
        where, params = 'd."group" = ANY(%s)', [list(groups)]
        self._count_words(where, params, sign=-1)
        with connection.cursor() as cursor:
            cursor.execute('DELETE FROM search_searchdocument WHERE "group" = ANY(%s)', params)
        self._insert([doc for docs in groups.values() for doc in docs])
        self._count_words(where, params, sign=1)
        self._bump()

    def digests(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT key, digest FROM search_searchdocument")
            return dict(cursor.fetchall())

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None) -> None:
        # One transaction: readers see the old documents until the new ones commit.
        with transaction.atomic(), self.writer_lock(blocking=True):
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_searchdocument")
                cursor.execute("DELETE FROM search_vocabularyword")
            batch: list[Document] = []
            for _group, docs in groups:
                batch += docs
                if len(batch) >= 1000:
                    self._insert(batch)
                    batch = []
                if progress is not None:
                    progress.update(1)
            self._insert(batch)
            self._count_words("true", [], sign=1)
            self._bump()
            with connection.cursor() as cursor:
                # New rows wait in the GIN indexes' pending lists, which every search reads
                # in full (and which make the planner prefer a sequential scan) until
                # autovacuum runs: merge them now, and give the planner statistics.
                cursor.execute("SELECT gin_clean_pending_list('search_doc_vector'::regclass), "
                               "gin_clean_pending_list('search_doc_title_vector'::regclass)")
                cursor.execute("ANALYZE search_searchdocument")
                cursor.execute("ANALYZE search_vocabularyword")

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchdocument")
            cursor.execute("DELETE FROM search_vocabularyword")
        self._bump()
