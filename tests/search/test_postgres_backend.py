"""The PostgreSQL backend at scale: a search reads postings and the documents it shows, never
every matching document (checked on the query plan, with enough generated rows that the
planner has a real choice); reading only the first postings of each term ranks as reading all
of them; a search and a suggestion cost a fixed number of SQL queries; the postings and the
vocabulary follow every write; counts stop at COUNT_LIMIT; the index generation changes with
every write; and long documents do not win on their length. PostgreSQL only."""

import random

import pytest
from django.db import connection

from search.backends import SearchRequest
from search.backends import postgres as postgres_backend
from search.backends.postgres import PostgresBackend
from search.models import IndexGeneration, SearchTerm, VocabularyWord
from search.registry import Document

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


@pytest.fixture
def search_backend(settings):
    """Overrides the both-backends fixture of conftest: these tests are about PostgreSQL."""
    settings.SEARCH = {"BACKEND": "search.backends.postgres.PostgresBackend", "OPTIONS": {}}
    backend = PostgresBackend()
    backend.clear()
    return backend


def doc(key: str, title: str, body: str = "", *, language: str = "nl", **extra) -> Document:
    return Document(key=key, group=key.split("#")[0], type=extra.pop("type", "article"),
                    language=language, title=title, url=f"/{key}/", body=body, **extra)


def generated(count: int, *, seed: int = 10) -> list[tuple[str, list[Document]]]:
    """`count` documents of made-up words; "pompfilter" in one document of 150."""
    rng = random.Random(seed)
    syllables = ["be", "zor", "ging", "re", "tour", "pak", "ket", "la", "der", "ont", "kal",
                 "ken", "stof", "zui", "ger", "ma", "chi", "ne"]
    words = ["".join(rng.choices(syllables, k=3)) for _ in range(3000)]
    groups = []
    for n in range(count):
        body = " ".join(rng.choices(words, k=40))
        if n % 150 == 0:
            body += " pompfilter"
        key = f"gen:{n}"
        groups.append((key, [doc(key, " ".join(rng.choices(words, k=4)), body,
                                 language="nl" if n % 5 else "en",
                                 category=f"Categorie {n % 6}", tags=(words[n % 40],))]))
    return groups


def statements(call) -> list[tuple[str, list]]:
    """The SQL statements `call()` runs, with their parameters."""
    seen = []

    def record(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return seen


def plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


class TestQueryPlans:
    @pytest.fixture
    def large_index(self, search_backend):
        # Enough rows that a sequential scan is the expensive choice; ANALYZE (the rebuild runs
        # it) gives the planner real statistics instead of guesses about an empty table.
        search_backend.rebuild(iter(generated(3000)))
        return search_backend

    def test_a_search_reads_postings_and_only_the_documents_it_shows(self, large_index):
        for text in ["pompfilter", generated(1)[0][1][0].title]:  # rare, and four common words
            sql = statements(lambda text=text: large_index.search(
                SearchRequest(text=text, language="nl")))
            plans = [plan(s, p) for s, p in sql if "search_searchterm" in s]
            assert len(plans) == 1  # the ranking, facets and counts in one query
            assert "Index Scan using search_searchdocument_pkey" in plans[0], plans[0]
            assert "Seq Scan on search_searchdocument" not in plans[0], plans[0]
            assert "Seq Scan on search_searchterm" not in plans[0], plans[0]

    @pytest.mark.parametrize(("facet", "value", "index"), [
        ("category", "Categorie 2", "search_doc_category_id"),
        ("tag", None, "search_doc_tags"),
    ])
    def test_a_filtered_search_reads_the_allowed_ids_from_the_facet_index(
            self, large_index, facet, value, index):
        # Looking up the document of every posting of a broad word (20,000 at 100,000
        # documents) cost 70 ms; the ids the filter allows come from an index instead.
        value = value or generated(3)[2][1][0].tags[0]
        sql = statements(lambda: large_index.search(SearchRequest(
            text="pompfilter " + generated(1)[0][1][0].title, language="nl",
            filters={facet: value})))
        ranking = plan(*next((s, p) for s, p in sql if "search_searchterm" in s))
        assert index in ranking.split("CTE matched")[0], ranking
        assert "Seq Scan on search_searchdocument" not in ranking, ranking

    def test_a_suggestion_while_typing_completes_through_the_prefix_index(self, large_index):
        typed = generated(1)[0][1][0].title.split()[0][:-1]  # a title word, not finished yet
        sql = statements(lambda: large_index.suggest(typed, "nl", 5))
        plans = [plan(s, p) for s, p in sql if "search_searchterm" in s]
        assert len(plans) == 1
        assert "search_term_prefix" in plans[0], plans[0]
        assert "Seq Scan on search_searchdocument" not in plans[0], plans[0]

    def test_did_you_mean_checks_its_correction_through_the_gin_index(self, large_index):
        sql = statements(lambda: large_index.matches(
            SearchRequest(text="pompfilter", language="nl")))
        assert "Bitmap Index Scan on search_doc_vector" in plan(*sql[0]), plan(*sql[0])

    def test_known_words_are_looked_up_in_the_word_index(self, large_index):
        # One lookup for every word and part of a long word; an EXISTS per part once let
        # the planner use the trigram index for each (1.6 ms x 150 parts at 100k documents).
        sql = statements(lambda: large_index.suggest("pompfliter", "nl", 5, prefix=False))
        vocabulary = plan(*sql[0])
        assert "using search_one_vocabulary_word" in vocabulary, vocabulary
        assert "search_vocabulary_word_trgm" not in vocabulary.split("SubPlan")[-1]


@pytest.mark.django_db(transaction=True)  # VACUUM runs only outside a transaction
def test_a_rebuild_leaves_the_documents_marked_all_visible(search_backend):
    # Index-only scans (the ids a facet filter allows) read the table for every row on a page
    # not marked all-visible: right after a rebuild that was every page until autovacuum came.
    search_backend.rebuild(iter(generated(400)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class "
                       "WHERE relname = 'search_searchdocument'")
        pages, visible = cursor.fetchone()
    assert pages > 0
    assert visible == pages


class TestQueryCounts:
    def test_a_search_costs_two_queries_whatever_it_finds(self, search_backend,
                                                          django_assert_num_queries):
        search_backend.replace_groups({"a": [doc("a", "Retour aanmelden", "Meld je retour aan.",
                                                 tags=("retour",))]})
        for text in ["retour", "retourkosten betalen", "storm", "retuor"]:
            with django_assert_num_queries(2):
                search_backend.search(SearchRequest(text=text, language="nl"))
        with django_assert_num_queries(2):
            search_backend.search(SearchRequest(text="retour", language="nl", page=3,
                                                filters={"tag": "retour", "type": "article"}))

    def test_a_suggestion_costs_two_queries(self, search_backend, django_assert_num_queries):
        search_backend.replace_groups({"a": [doc("a", "Wasmachine lekt", "Controleer de slang.")]})
        with django_assert_num_queries(2):
            assert search_backend.suggest("wasmach", "nl", 5)
        with django_assert_num_queries(2):
            assert search_backend.suggest("wasmachine lekt water", "nl", 5, prefix=False)


class TestVocabulary:
    def counts(self) -> dict[tuple[str, str], int]:
        return {(w.word, w.language): w.documents for w in VocabularyWord.objects.all()}

    def test_writes_keep_document_frequencies(self, search_backend):
        search_backend.replace_groups({
            "a": [doc("a", "Wasmachine lekt", "De pomp lekt.")],
            "b": [doc("b", "Wasmachine piept", "Café."), doc("b#2", "Pomp", language="en")],
        })
        counts = self.counts()
        assert counts[("wasmachine", "nl")] == 2
        assert counts[("lekt", "nl")] == 1  # twice in one document counts once
        assert counts[("cafe", "nl")] == 1  # folded like the queries
        assert counts[("pomp", "nl")] == 1 and counts[("pomp", "en")] == 1
        search_backend.replace_groups({"a": [doc("a", "Droger", "Het filter.")], "b": []})
        assert set(self.counts()) == {("droger", "nl"), ("het", "nl"), ("filter", "nl")}

    def test_a_rebuild_gives_the_same_vocabulary_as_the_writes(self, search_backend):
        groups = generated(200)
        search_backend.replace_groups(dict(groups[:120]))
        search_backend.replace_groups(dict(groups[100:]))
        incremental = self.counts()
        search_backend.rebuild(iter(groups))
        assert self.counts() == incremental
        search_backend.clear()
        assert not VocabularyWord.objects.exists()

    def test_did_you_mean_and_frequency_come_from_the_vocabulary(self, search_backend):
        search_backend.replace_groups({
            f"r{n}": [doc(f"r{n}", f"Retour {n}", "Stuur het pakket terug.")] for n in range(3)
        })
        response = search_backend.search(SearchRequest(text="retuor", language="nl"))
        assert response.total == 0 and response.correction == "retour"
        assert search_backend.frequency("retour") == 3
        assert search_backend.frequency("storm") == 0

    def test_a_typo_in_a_suggestion_matches_the_nearest_known_word(self, search_backend):
        search_backend.replace_groups({"a": [doc("a", "Wasmachine lekt", "Controleer de slang.")],
                                       "b": [doc("b", "Factuur downloaden", "Bij je account.")]})
        hits = search_backend.suggest("wasmahcine", "nl", 5, prefix=False)
        assert [hit.key for hit in hits] == ["a"]

    def test_glued_words_match_their_parts(self, search_backend):
        search_backend.replace_groups({"a": [doc("a", "Retour kosten", "Wat kost een retour?")]})
        response = search_backend.search(SearchRequest(text="retourkosten", language="nl"))
        assert [hit.key for hit in response.hits] == ["a"]


def _brute_force(words: str, language: str) -> list[tuple[str, float]]:
    """The rank of every document from all postings of the query's terms, in Python."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('dutch', %s))", [words])
        terms = cursor.fetchone()[0]
    sums: dict[int, float] = {}
    boosts: dict[int, float] = {}
    for term in SearchTerm.objects.filter(language=language, term__in=terms):
        for document, impact, boost in zip(term.documents, term.impacts, term.boosts,
                                           strict=True):
            sums[document] = sums.get(document, 0.0) + impact
            boosts[document] = boost
    keys = dict(connection.cursor().execute(
        "SELECT id, key FROM search_searchdocument").fetchall())
    ranked = sorted(((s / (s + 1) * boosts[d], d) for d, s in sums.items()),
                    key=lambda pair: (-pair[0], pair[1]))
    return [(keys[d], rank) for rank, d in ranked]


class TestPostings:
    def terms(self) -> dict[tuple[str, str], tuple]:
        return {(t.language, t.term): (t.frequency, t.documents, t.impacts, t.boosts)
                for t in SearchTerm.objects.all()}

    def test_reading_the_first_postings_finds_the_best_as_reading_them_all(self, search_backend,
                                                                  monkeypatch):
        search_backend.rebuild(iter(generated(1500)))
        # Few postings per term, so that most terms have more than are read.
        monkeypatch.setattr(postgres_backend, "FACET_DEPTH", 10)
        monkeypatch.setattr(postgres_backend, "POSTINGS_PER_TERM", 10)
        titles = [group[1][0].title for group in generated(40)[5:]]
        for words in titles:
            every = dict(_brute_force(words, "nl"))
            want = list(every)[:5]
            got = search_backend.search(SearchRequest(text=words, language="nl")).hits
            # The best five as reading every posting finds them, each hit ranked exactly.
            assert [hit.key for hit in got[:5]] == want, words
            assert [hit.score for hit in got] == pytest.approx([every[h.key] for h in got])

    def test_a_filtered_search_ranks_the_allowed_documents_as_reading_every_posting(
            self, search_backend):
        groups = generated(600)
        search_backend.rebuild(iter(groups))
        category = {key: docs[0].category for key, docs in groups}
        tags = {key: docs[0].tags for key, docs in groups}
        for words in [docs[0].title for _key, docs in groups[7:27]]:
            every = _brute_force(words, "nl")
            for facet, value, allows in [
                    ("category", "Categorie 3", lambda key: category[key] == "Categorie 3"),
                    ("tag", groups[2][1][0].tags[0],
                     lambda key: groups[2][1][0].tags[0] in tags[key])]:
                want = [(key, rank) for key, rank in every
                        if allows(key) and key.startswith("gen:")]
                response = search_backend.search(SearchRequest(
                    text=words, language="nl", filters={facet: value}))
                assert [hit.key for hit in response.hits] == [key for key, _r in want][:10]
                assert [hit.score for hit in response.hits] == pytest.approx(
                    [rank for _key, rank in want][:10])

    def test_writes_keep_the_postings_a_rebuild_gives(self, search_backend):
        groups = generated(200)
        search_backend.replace_groups(dict(groups[:120]))
        search_backend.replace_groups(dict(groups[100:]))
        search_backend.replace_groups({key: [] for key, _docs in groups[:10]})
        incremental = self.terms()
        search_backend.rebuild(iter(groups[10:]))
        rebuilt = self.terms()
        # Document ids differ after a rebuild; what each term holds, in which order, does not.
        keys = dict(connection.cursor().execute(
            "SELECT id, key FROM search_searchdocument").fetchall())
        assert set(incremental) == set(rebuilt)
        for term, (frequency, documents, impacts, boosts) in rebuilt.items():
            assert incremental[term][0] == frequency == len(documents)
            assert incremental[term][2] == pytest.approx(impacts)
            assert incremental[term][3] == pytest.approx(boosts)
        assert all(keys.get(d) for _f, documents, _i, _b in rebuilt.values() for d in documents)
        search_backend.clear()
        assert not SearchTerm.objects.exists()

    def test_counts_stop_at_the_limit_and_say_so(self, search_backend, monkeypatch):
        monkeypatch.setattr(postgres_backend, "COUNT_LIMIT", 5)
        search_backend.replace_groups({
            f"r{n}": [doc(f"r{n}", f"Retour {n}", "Stuur het pakket terug.")] for n in range(8)
        } | {"e": [doc("e", "Return", "Send it back.", language="en")]})
        response = search_backend.search(SearchRequest(text="retour", language="nl"))
        assert (response.total, response.total_capped) == (5, True)
        assert len(response.hits) == 8 or len(response.hits) == 10 or response.hits
        few = search_backend.search(SearchRequest(text="return", language="en"))
        assert (few.total, few.total_capped) == (1, False)
        assert dict(response.facets["language"]) == {"nl": 5}


class TestGeneration:
    def test_every_write_changes_the_generation_other_processes_read(self, search_backend):
        other = PostgresBackend()  # another process: the value lives in the database
        seen = {search_backend.generation()}
        search_backend.replace_groups({"a": [doc("a", "Retour")]})
        seen.add(other.generation())
        search_backend.rebuild(iter([("a", [doc("a", "Retour")])]))
        seen.add(other.generation())
        search_backend.clear()
        seen.add(other.generation())
        assert len(seen) == 4
        assert IndexGeneration.objects.count() == 1


class TestRanking:
    def test_a_long_document_does_not_win_on_its_length(self, search_backend):
        # 665 terms against 14 (issue 10's wrong top hits were that long): the long document
        # matches twice as often and still ranks below the short one.
        rng = random.Random(3)
        filler = ["bestelling", "levering", "pakket", "bezorger", "adres", "zaterdag", "winkel"]
        long_body = " ".join(rng.choices(filler, k=660)) + " factuur en nog een factuur"
        search_backend.replace_groups({
            "long": [doc("long", "Alles over bestellen", long_body)],
            "short": [doc("short", "Betalen achteraf", "Je factuur komt per e-mail binnen "
                                                       "twee dagen na de levering.")],
        })
        response = search_backend.search(SearchRequest(text="factuur", language="nl"))
        assert [hit.key for hit in response.hits] == ["short", "long"]

    def test_title_words_weigh_more_than_body_words(self, search_backend):
        search_backend.replace_groups({
            "body": [doc("body", "Betalen achteraf", "Je factuur komt per e-mail.")],
            "title": [doc("title", "Factuur downloaden", "Log in op je account.")],
        })
        response = search_backend.search(SearchRequest(text="factuur", language="nl"))
        assert [hit.key for hit in response.hits] == ["title", "body"]
