"""The shared backend: PostgreSQL full-text search, for several web servers on one database.

Documents live in `search.SearchDocument`. Each row stores a tsvector built with its language's
configuration ('dutch' or 'english', accents removed with unaccent): title weight A, tags,
category, product and phrasings B, body C.

Ranking reads postings, not documents: `search.SearchTerm` holds each lexeme's documents best
first with its impact in each (weight of where it occurs over the document's log length) and
the document's boost, so a search reads the first few hundred postings of each query term and
fetches only the documents it shows (at 100,000 documents a broad query matched 30,000, and
ranking them all with ts_rank_cd cost a sequential scan per search). Filtered searches read
every posting of their terms and join the documents' columns; "did you mean" checks a match
with the GIN index on the vector.

Typos go through the vocabulary (`search.VocabularyWord`, kept up to date by every write): its
trigram index finds the nearest words of a query word it does not know, for "did you mean"
and, in suggestions, as extra words to match; it also splits glued words. A search and a
suggestion cost two SQL queries each (vocabulary, ranking). Writers serialise on a PostgreSQL
advisory lock and bump `search.IndexGeneration`, on which result caches are keyed.
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
from ..analysis import LANGUAGES, edit_distance, fold, is_filler, split_glued
from ..registry import Document
from .base import COUNT_LIMIT, Hit, SearchBackend, SearchRequest, SearchResponse

WRITER_LOCK, WORKER_LOCK = 0x5EA1C4, 0x5EA1C5
FACET_COLUMNS = {"type": "type", "category": "category", "product": "product"}
START, STOP = "\ue000", "\ue001"  # headline markers, replaced by <mark> after escaping
# ts_rank_cd normalisation: 1 divides by 1 + log(length) so long documents do not win on sheer
# number of matches (issue 10: wrong top hits had 665 terms, right ones 97); 32 maps the rank
# into [0, 1) so the document boost weighs the same on short and long documents.
NORMALISATION = 1 | 32
NEAR_CANDIDATES = 30  # nearest vocabulary words looked at per unknown word
FUZZY_TERMS = 3  # of which at most this many (the most frequent) also match
# Facets are counted over the best FACET_DEPTH hits (exact whenever fewer documents match).
FACET_DEPTH = 200
COMPLETIONS = 5  # most frequent lexemes the word being typed may complete to
POSTINGS_PER_TERM = 1000  # postings read per query term (its best documents)
CANDIDATE_MARGIN = 50  # candidates ranked beyond the depth asked for
CONJUNCTIVE = 50  # documents holding every query word taken as candidates
# A lexeme's impact in a document: ts_rank's weights of the positions it occurs at (title A 1,
# tags, category, product and phrasings B 0.4, body C 0.2), divided by 1 + the log of the
# document's length in words, so long documents do not win on their number of matches
# (issue 10: wrong top hits had 665 terms, right ones 97). `u` is a row of unnest(vector), `l`
# has the document's length in words (`_LENGTH`).
_IMPACT = (
    "((SELECT sum(CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END) "
    "FROM unnest(u.weights) w) / (1 + ln(greatest(l.words, 1))))::float8"
)
_LENGTH = "LATERAL (SELECT sum(cardinality(x.positions)) AS words FROM unnest(d.vector) x) l"


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


def _match_words(words: list[str], language: str) -> list[str]:
    """The words that match: filler ("help", "wil") only when the query is nothing else."""
    return list(dict.fromkeys([w for w in words if not is_filler(w, language)] or words))


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


@dataclass
class Ranked:
    """What `PostgresBackend._ranked` found: the best documents (facet columns for all, hit
    fields for the requested page) and the match count per language."""

    rows: list[tuple]
    counts: dict[str, int]
    language: str
    offset: int
    limit: int

    @property
    def total(self) -> int:
        return min(self.counts.get(self.language, 0), COUNT_LIMIT)

    @property
    def capped(self) -> bool:
        return self.counts.get(self.language, 0) > COUNT_LIMIT

    @property
    def hits(self) -> list[Hit]:
        return [
            Hit(key=key, type=type_, language=language, title=title, url=url,
                snippet=snippets.frame(_snippet(headline, summary), body), category=category,
                product=product, tags=_tags(tags), score=float(rank))
            for rank, n, key, type_, language, title, url, category, product, tags, headline,
            summary, body in self.rows
            if self.offset < n <= self.offset + self.limit
        ]

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        tallies: dict[str, dict[str, int]] = {name: {} for name in [*FACET_COLUMNS, "tag"]}
        for row in self.rows:
            values = dict(zip(FACET_COLUMNS, (row[3], row[7], row[8]), strict=True))
            for name, value in values.items():
                if value:
                    tallies[name][value] = tallies[name].get(value, 0) + 1
            for tag in _tags(row[9]):
                tallies["tag"][tag] = tallies["tag"].get(tag, 0) + 1
        tallies["language"] = {language: min(count, COUNT_LIMIT)
                               for language, count in self.counts.items() if language}
        return {name: sorted(tally.items(), key=lambda pair: (-pair[1], pair[0]))
                for name, tally in tallies.items()}


def _tags(value) -> tuple[str, ...]:
    """A jsonb column read in raw SQL: Django's psycopg setup leaves jsonb as text."""
    if isinstance(value, str):
        value = json.loads(value)
    return tuple(value or ())


def _snippet(headline: str | None, summary: str | None) -> str:
    if START not in (headline or ""):
        return snippets.excerpt(summary or headline or "", 220)
    escaped = html.escape(headline, quote=False)
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


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
            # Known words in one lookup of the (word, language) index: an EXISTS per word
            # let the planner pick the trigram index for each (1.6 ms x 150 parts).
            cursor.execute(
                "WITH k AS (SELECT DISTINCT word FROM search_vocabularyword "
                "WHERE word = ANY(%s::text[])) "
                "SELECT q.w, q.known, n.word, n.documents FROM (SELECT w, w IN "
                "(SELECT word FROM k) AS known FROM unnest(%s::text[]) w) q "
                "LEFT JOIN LATERAL (SELECT v.word, v.documents FROM search_vocabularyword v "
                "WHERE NOT q.known AND q.w = ANY(%s) AND v.language = %s "
                "AND left(v.word, 1) = left(q.w, 1) ORDER BY v.word <-> q.w LIMIT %s) n ON true",
                [sorted(set(words) | parts), sorted(set(words) | parts), unknown_candidates,
                 language, NEAR_CANDIDATES],
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
        matched = analysed.match + _words(" ".join(request.expansions))
        shown = request.filters.get("language") or request.language
        offset = (request.page - 1) * request.per_page
        ranked = self._ranked(_match_words(matched, request.language), shown, request,
                              offset=offset, limit=request.per_page,
                              depth=max(FACET_DEPTH, offset + request.per_page))
        return SearchResponse(hits=ranked.hits, total=ranked.total, facets=ranked.facets(),
                              correction=analysed.correction, total_capped=ranked.capped)

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

    def _ranked(self, words: list[str], language: str, request: SearchRequest, *,
                offset: int, limit: int, depth: int, typing: str = "") -> Ranked:
        """One query: the best `depth` documents of `language` for `words` (and the completions
        of `typing`, the unfinished last word), with the page `offset:offset + limit` as hits
        and the match count of every language.

        Without filters only the first `depth` postings of each term are read: a document
        outside the best `depth` of every one of its terms cannot reach the top `depth`
        unless it matches many terms at once, and the count reads at most `COUNT_LIMIT` + 1
        postings per term. With facet filters every posting is read and kept if the filter
        allows its document (the allowed ids read from an index on the facet column): exact,
        and a broad word's 20,000 postings cost about 10 ms at 100,000 documents.
        The rank is the same on both paths: s / (s + 1) * boost, s the sum of the query terms'
        impacts in the document (`_IMPACT`)."""
        filters, filter_params = self._filters(request)
        config, other = _config(language), "english" if language != "en" else "dutch"
        text = " ".join(words)
        completions, completion_params = "", []
        if typing and len(typing) >= 2:
            completions = (
                " || ARRAY(SELECT p.term FROM search_searchterm p WHERE p.language = %s "
                "AND p.term LIKE %s ORDER BY p.frequency DESC LIMIT %s)"
            )
            completion_params = [language, f"{typing}%", COMPLETIONS]
        if filters:
            # The ids the filter allows come from an index alone (`search_doc_category_id`
            # and the like); each posting is then one hash probe, and only the allowed ones
            # are summed (looking up every posting's document cost 3 µs each).
            matched = (
                "allowed AS MATERIALIZED (SELECT d.id FROM search_searchdocument d "  # noqa: S608
                f"WHERE true{filters}), "
                "matched AS MATERIALIZED (SELECT t.language, x.d, sum(x.i) AS s, max(x.b) AS b "
                "FROM t CROSS JOIN LATERAL unnest(t.documents, t.impacts, t.boosts) x(d, i, b) "
                "JOIN allowed a ON a.id = x.d GROUP BY t.language, x.d), "
                "counts AS (SELECT language, count(*) AS n FROM matched GROUP BY language), "
                "top AS (SELECT d, s, b FROM matched WHERE language = %s), "
            )
            matched_params = [*filter_params, language]
        else:
            # Candidates: the best by their partial sums over the first postings of each
            # term, and documents holding every word (which the first postings of common words
            # can miss); each then ranked on its own vector with every query term.
            # Finished words only: a prefix ("bet:*") walks a large part of the GIN index.
            finished = [w for w in words if w != typing]
            every = " & ".join(finished)
            conjunctive = (
                " UNION (SELECT d.id FROM search_searchdocument d "  # noqa: S608
                f"WHERE d.vector @@ to_tsquery('{config}', %s) AND d.language = %s LIMIT %s)"
            ) if len(finished) > 1 else ""
            conjunctive_params = [every, language, CONJUNCTIVE] if conjunctive else []
            matched = (
                "counts AS (SELECT t.language, count(DISTINCT x) AS n FROM t, "  # noqa: S608
                "unnest(t.documents[1:%s]) x GROUP BY t.language), "
                "candidates AS ((SELECT x.d FROM t, unnest(t.documents[1:%s], "
                "t.impacts[1:%s], t.boosts[1:%s]) x(d, i, b) WHERE t.language = %s "
                f"GROUP BY x.d ORDER BY sum(x.i * x.b) DESC, x.d LIMIT %s){conjunctive}), "
                "terms AS (SELECT array_agg(t.term) AS terms FROM t WHERE t.language = %s), "
                f"top AS MATERIALIZED (SELECT d.id AS d, (SELECT sum({_IMPACT}) "
                "FROM unnest(d.vector) u "
                "WHERE u.lexeme = ANY(terms.terms)) AS s, d.boost AS b FROM candidates c "
                f"JOIN search_searchdocument d ON d.id = c.d, terms, {_LENGTH}), "
            )
            postings = max(depth, POSTINGS_PER_TERM)
            matched_params = [COUNT_LIMIT + 1, postings, postings, postings, language,
                              depth + CANDIDATE_MARGIN, *conjunctive_params, language]
        headline = (
            f"ts_headline('{config}', d.body, to_tsquery('{config}', %s), "
            f"'StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12')"
        )
        page = "r.n > %s AND r.n <= %s"
        sql = (  # constants and our own fragments; values are parameters
            "WITH q AS (SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))"  # noqa: S608
            f"{completions} AS shown, "
            "tsvector_to_array(to_tsvector(%s::regconfig, %s)) AS other), "
            "t AS (SELECT s.language, s.term, s.documents, s.impacts, s.boosts "
            "FROM search_searchterm s, q WHERE (s.language = %s AND s.term = ANY(q.shown)) "
            "OR (s.language = ANY(%s) AND s.term = ANY(q.other))), "
            f"{matched}"
            "ranked AS (SELECT d, s / (s + 1) * b AS rank, row_number() OVER "
            "(ORDER BY s / (s + 1) * b DESC, d) AS n FROM top ORDER BY rank DESC, d LIMIT %s) "
            "SELECT (SELECT json_object_agg(language, n) FROM counts), r.rank, r.n, d.key, "
            "d.type, d.language, d.title, d.url, d.category, d.product, d.tags, "
            f"CASE WHEN {page} THEN {headline} END, CASE WHEN {page} THEN d.summary END, "
            f"CASE WHEN {page} THEN d.body END "
            "FROM (SELECT 1) one LEFT JOIN (ranked r JOIN search_searchdocument d "
            "ON d.id = r.d) ON true ORDER BY r.n"
        )
        query_text = _tsquery_text(words, prefix_last=False, language=language)
        if typing and len(typing) >= 2:
            query_text = " | ".join(filter(None, [query_text, f"{typing}:*"]))
        bounds = [offset, offset + limit]
        others = [code for code in LANGUAGES if code != language]
        params = [config, text, *completion_params, other, text, language, others,
                  *matched_params, depth, *bounds, query_text or "x", *bounds, *bounds]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        counts = rows[0][0] or {}
        return Ranked(rows=[row[1:] for row in rows if row[1] is not None], counts=counts,
                      language=language, offset=offset, limit=limit)

    def correct(self, words: list[str] | str, language: str = "nl") -> str:
        """Each word the vocabulary does not know replaced by its closest frequent word."""
        if isinstance(words, str):
            words = _words(words)
        return self.analyse(words, language).correction if words else ""

    def suggest(self, text: str, language: str, limit: int, *, prefix: bool = True,
                expansions: tuple[str, ...] = ()) -> list[Hit]:
        """Ranked on the postings like a search; while typing (`prefix`) the last word also
        matches its most frequent completions (`COMPLETIONS`). Two queries: the vocabulary,
        then the ranking."""
        words = _words(text)
        if not words:
            return []
        request = SearchRequest(text=text, language=language)
        typing = words[-1] if prefix else ""
        analysed = self.analyse(words, language, typing=typing, fuzzy=True)
        # The typed word itself too: its completions are lexemes, and a finished word's stem
        # ("retourneren" -> "retourner") is not among the completions of what was typed.
        matched = _words(" ".join(expansions)) + analysed.match
        return self._ranked(_match_words(matched, language), language, request, offset=0,
                            limit=limit, depth=limit, typing=typing).hits

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
        names = ", ".join(f'"{name}"' for name in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_searchdocument "  # noqa: S608 (constants; values are %s)
                '(key, "group", type, language, title, url, '
                "body, summary, tags, category, product, digest, words, boost, vector) "
                'SELECT r.key, r."group", r.type, r.language, r.title, r.url, r.body, r.summary, '
                "r.tags::jsonb, r.category, r.product, r.digest, r.words, r.boost, "
                f"setweight(to_tsvector({config}, unaccent(r.title)), 'A') || "
                f"setweight(to_tsvector({config}, unaccent(r.keys)), 'B') || "
                f"setweight(to_tsvector({config}, unaccent(r.body)), 'C') "
                f"FROM unnest({', '.join(['%s::text[]'] * len(columns))}, %s::float8[]) "
                f"AS r({names}, boost)",
                [*columns.values(), boosts],
            )

    @staticmethod
    def _add_postings(where: str, params: list) -> None:
        """Merge the postings of the documents matching `where` into `search_searchterm`, each
        term's best first: by the most a document can add to a rank (impact times boost).
        The postings are sorted once and aggregated in that order (three ordered aggregates
        sorted the 4 million postings of 100,000 documents three times)."""
        postings = (
            f"SELECT d.language, u.lexeme AS term, d.id, d.boost, {_IMPACT} AS impact "  # noqa: S608
            f"FROM search_searchdocument d, {_LENGTH}, unnest(d.vector) u WHERE {where}"
        )
        merged = ", ".join(
            f"array_agg(x.{column} ORDER BY x.i * x.b DESC, x.d)" for column in "dib")
        with connection.cursor() as cursor:
            cursor.execute(  # `where` is ours, values are parameters
                "INSERT INTO search_searchterm "  # noqa: S608
                "(language, term, frequency, documents, impacts, boosts) "
                "SELECT p.language, p.term, count(*), array_agg(p.id), array_agg(p.impact), "
                f"array_agg(p.boost) FROM (SELECT * FROM ({postings}) o ORDER BY o.language, "
                "o.term, o.impact * o.boost DESC, o.id) p GROUP BY p.language, p.term "
                "ON CONFLICT (language, term) DO UPDATE "
                "SET (frequency, documents, impacts, boosts) = "
                f"(SELECT count(*), {merged} FROM unnest("
                "search_searchterm.documents || excluded.documents, "
                "search_searchterm.impacts || excluded.impacts, "
                "search_searchterm.boosts || excluded.boosts) x(d, i, b))",
                params,
            )

    @staticmethod
    def _remove_postings(where: str, params: list) -> None:
        """Take the documents matching `where` out of their terms' postings (before they are
        deleted: their vectors say which terms hold them)."""
        kept = ", ".join(
            f"coalesce(array_agg(x.{column} ORDER BY x.n), '{{}}')" for column in "dib")
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH gone AS (SELECT d.id FROM search_searchdocument d "  # noqa: S608
                f"WHERE {where}), terms AS (SELECT DISTINCT d.language, u.lexeme "
                f"FROM search_searchdocument d, unnest(d.vector) u WHERE {where}) "
                "UPDATE search_searchterm t SET (frequency, documents, impacts, boosts) = "
                f"(SELECT count(*), {kept} FROM unnest(t.documents, t.impacts, t.boosts) "
                "WITH ORDINALITY x(d, i, b, n) WHERE x.d NOT IN (SELECT id FROM gone)) "
                "FROM terms WHERE t.language = terms.language AND t.term = terms.lexeme",
                [*params, *params],
            )
            cursor.execute("DELETE FROM search_searchterm WHERE frequency = 0")

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
        self._remove_postings(where, params)
        with connection.cursor() as cursor:
            cursor.execute('DELETE FROM search_searchdocument WHERE "group" = ANY(%s)', params)
        self._insert([doc for docs in groups.values() for doc in docs])
        self._add_postings(where, params)
        self._count_words(where, params, sign=1)
        self._bump()

    def digests(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT key, digest FROM search_searchdocument")
            return dict(cursor.fetchall())

    def rebuild(self, groups: Iterable[tuple[str, list[Document]]], *, progress=None,
                procs: int = 1) -> None:
        # One transaction: readers see the old documents until the new ones commit. The
        # server analyses the text, so `procs` does not apply.
        with transaction.atomic(), self.writer_lock(blocking=True):
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_searchdocument")
                cursor.execute("DELETE FROM search_vocabularyword")
                cursor.execute("DELETE FROM search_searchterm")
            batch: list[Document] = []
            for _group, docs in groups:
                batch += docs
                if len(batch) >= 1000:
                    self._insert(batch)
                    batch = []
                if progress is not None:
                    progress.update(1)
            self._insert(batch)
            self._add_postings("true", [])
            self._count_words("true", [], sign=1)
            self._bump()
            with connection.cursor() as cursor:
                # New rows wait in the GIN indexes' pending lists, which every search reads
                # in full (and which make the planner prefer a sequential scan) until
                # autovacuum runs: merge them now, and give the planner statistics.
                cursor.execute("SELECT gin_clean_pending_list('search_doc_vector'::regclass)")
                cursor.execute("SELECT gin_clean_pending_list('search_doc_tags'::regclass)")
                cursor.execute("ANALYZE search_searchdocument")
                cursor.execute("ANALYZE search_vocabularyword")
                cursor.execute("ANALYZE search_searchterm")
        if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction
            with connection.cursor() as cursor:
                # Facet filters read the allowed ids from index-only scans, which look at
                # the table itself for every row on a page not yet marked all-visible: right
                # after a rebuild, every page (filtered searches 44 / 94 ms at 100,000
                # documents instead of 13 / 24) until autovacuum comes by. Vacuum now; it
                # also frees the old documents' rows.
                cursor.execute("VACUUM (ANALYZE) search_searchdocument, search_searchterm")

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchdocument")
            cursor.execute("DELETE FROM search_vocabularyword")
            cursor.execute("DELETE FROM search_searchterm")
        self._bump()
