"""The Whoosh backend's fast paths find what Whoosh itself finds: array scoring gives every
document the score Whoosh's own matchers give it (several segments, deletions and filters
included), counts and facets equal a brute-force count, the vocabulary finds the words Whoosh's
spelling automaton finds, the direct query builder makes the parser's query, and field lengths
are read as Whoosh reads them."""

import random
from collections import Counter

import pytest
from whoosh import index, qparser
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.fields import TEXT
from whoosh.util.numeric import byte_to_length

from search.analysis import edit_distance
from search.backends import SearchRequest, whoosh_scoring, whoosh_vocabulary
from search.backends.base import COUNT_LIMIT
from search.backends.whoosh import (
    FIELD_BOOSTS,
    SUGGEST_FIELDS,
    WhooshBackend,
    _fields,
    _word_query,
    build_schema,
)
from search.registry import Document

WORDS = ["retour", "pakket", "bezorging", "factuur", "garantie", "wasmachine", "koelkast",
         "lekt", "kapot", "adres", "wasmachinedeur", "retourlabel"]
WORDS += [f"woord{n}" for n in range(150)]
CATEGORIES = ["Bezorging", "Betalen", "Retourneren"]


def _doc(n: int, rng: random.Random, language: str = "nl") -> Document:
    return Document(key=f"d{n}", group=f"d{n}", type=["article", "faq"][n % 2], language=language,
                    title=" ".join(rng.choices(WORDS, k=4)), url=f"/{n}/",
                    body=" ".join(rng.choices(WORDS, k=30)), category=rng.choice(CATEGORIES),
                    product=rng.choice(["Wasmachine W500", "Koelkast K300", ""]),
                    tags=tuple(rng.sample(["retour", "snel", "kapot"], k=n % 3)),
                    boost=1 + (n % 5) / 10)


@pytest.fixture
def whoosh(tmp_path):
    """Three segments (a rebuild and two writes) with deleted documents in the first."""
    backend = WhooshBackend(tmp_path / "index")
    rng = random.Random(7)
    backend.rebuild(iter([(f"d{n}", [_doc(n, rng, "nl" if n % 5 else "en")])
                          for n in range(1500)]))
    backend.replace_groups({f"d{n}": [_doc(n, rng)] for n in range(0, 300, 3)})
    backend.replace_groups({f"d{n}": [] for n in range(1, 200, 7)}
                           | {f"x{n}": [_doc(2000 + n, rng)] for n in range(50)})
    return backend


def _whoosh_scores(searcher, q, allowed=None) -> dict[int, float]:
    """Every match of `q` and its score from Whoosh's own matchers, one document at a time
    (no collector, so no skipping and no rewriting of the matcher tree halfway)."""
    scores = {}
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        matcher = q.matcher(subsearcher)
        while matcher.is_active():
            docnum = matcher.id() + offset
            if not reader.is_deleted(matcher.id()) and (allowed is None or docnum in allowed):
                scores[docnum] = matcher.score()
            matcher.next()
    return scores


def _queries(backend, searcher):
    texts = ["retour", "retour pakket", "wasmachine lekt kapot", "factuur^0.15 adres",
             "garantie koelkast woord3 woord4^0.7", "woord17", "onbekend"]
    for text in texts:
        yield backend._text_query(text, searcher.schema, "nl")  # with compounds
        yield backend._text_query(text, searcher.schema, "en", SUGGEST_FIELDS, grams=False)


class TestArrayScoring:
    def test_every_match_gets_the_score_whoosh_gives_it(self, whoosh):
        searcher = whoosh.searcher()
        assert len(searcher.reader().leaf_readers()) > 1
        assert any(reader.has_deletions() for reader, _o in searcher.reader().leaf_readers())
        for q in _queries(whoosh, searcher):
            expected = _whoosh_scores(searcher, q)
            matches = whoosh_scoring.evaluate(searcher, q)
            found = dict(zip(matches.docnums.tolist(), matches.scores.tolist(), strict=True))
            assert found.keys() == expected.keys(), q
            for docnum, score in expected.items():
                assert found[docnum] == pytest.approx(score, rel=1e-9), (q, docnum)

    def test_a_filter_keeps_only_its_documents(self, whoosh):
        searcher = whoosh.searcher()
        request = SearchRequest(text="retour", language="nl", filters={"category": "Betalen"})
        allowed = whoosh._filter(searcher, request)
        q = whoosh._text_query("retour pakket", searcher.schema, "nl")
        matches = whoosh_scoring.evaluate(searcher, q, allowed)
        assert set(matches.docnums.tolist()) == set(_whoosh_scores(searcher, q, allowed))

    def test_the_top_is_a_full_sort_by_score_then_document(self, whoosh):
        searcher = whoosh.searcher()
        for q in _queries(whoosh, searcher):
            expected = sorted(_whoosh_scores(searcher, q).items(), key=lambda p: (-p[1], p[0]))
            top = whoosh_scoring.evaluate(searcher, q).top(25)
            assert [d for _s, d in top] == [d for d, _s in expected[:25]], q

    def test_search_counts_and_facets_equal_a_brute_force_count(self, whoosh):
        searcher = whoosh.searcher()
        response = whoosh.search(SearchRequest(text="retour", language="nl"))
        q = whoosh._text_query("retour", searcher.schema, "nl")
        docs = [searcher.stored_fields(d) for d in _whoosh_scores(searcher, q)]
        assert response.total == min(len(docs), COUNT_LIMIT)
        assert response.total_capped == (len(docs) > COUNT_LIMIT)
        assert dict(response.facets["category"]) == Counter(d["category"] for d in docs)
        assert dict(response.facets["type"]) == Counter(d["type"] for d in docs)
        tags = Counter(t for d in docs for t in (d.get("tags") or "").split(",") if t)
        assert dict(response.facets["tag"]) == tags
        english = whoosh._text_query("retour", searcher.schema, "en")
        assert dict(response.facets["language"]) == {
            "nl": min(len(docs), COUNT_LIMIT),
            "en": min(len(_whoosh_scores(searcher, english)), COUNT_LIMIT),
        }

    def test_a_broad_query_says_more_than_the_count_limit(self, tmp_path):
        backend = WhooshBackend(tmp_path / "broad")
        backend.rebuild(iter([(f"b{n}", [Document(
            key=f"b{n}", group=f"b{n}", type="faq", language="nl", title=f"Pakket {n}",
            url=f"/{n}/", body="Waar is mijn pakket?")]) for n in range(COUNT_LIMIT + 20)]))
        response = backend.search(SearchRequest(text="pakket", language="nl"))
        assert response.total == COUNT_LIMIT and response.total_capped
        assert dict(response.facets["type"]) == {"faq": COUNT_LIMIT + 20}
        assert len(response.hits) == 10


class TestVocabulary:
    def test_words_within_an_edit_distance_are_what_the_automaton_finds(self, whoosh):
        searcher = whoosh.searcher()
        vocabulary = whoosh_vocabulary.vocabulary(searcher, "spell")
        words = list(vocabulary.words)
        rng = random.Random(3)
        typos = ["retuor", "pakket", "wasmachien", "kelkast", "gaarntie", "woord1", "w", "zzz"]
        typos += [w[:k] + w[k + 1:] for w in rng.sample(words, 20) for k in [len(w) // 2]]
        for typo in typos:
            for maxdist in (1, 2):
                expected = sorted(w for w in words if w[:1] == typo[:1]
                                  and edit_distance(typo[1:], w[1:]) <= maxdist)
                assert vocabulary.within(typo, maxdist, prefix=1) == expected, (typo, maxdist)

    def test_frequencies_are_the_index_statistics(self, whoosh):
        searcher = whoosh.searcher()
        vocabulary = whoosh_vocabulary.vocabulary(searcher, "spell")
        reader = searcher.reader()
        for word in ["retour", "woord3", "wasmachinedeur"]:
            assert vocabulary.frequency[word] == reader.frequency("spell", word)
            assert vocabulary.documents[word] == reader.doc_frequency("spell", word)

    def test_a_misspelled_word_is_corrected_to_the_most_frequent_near_word(self, whoosh):
        assert whoosh.correct("pakket retuor") == "pakket retour"
        assert whoosh.correct("pakket retour") == ""


    def test_a_word_being_typed_completes_to_the_title_words_it_begins(self, whoosh):
        searcher = whoosh.searcher()
        titles = {f["key"]: f["title_text"].split() for f in searcher.all_stored_fields()
                  if f["language"] == "nl"}
        reader = searcher.reader()  # index statistics: deleted documents count until merged
        words = [w.decode() for w in reader.lexicon("title_words_nl")]
        expected = sorted((w for w in words if w.startswith("woord1")),
                          key=lambda w: (-reader.doc_frequency("title_words_nl", w), w))[:12]
        vocabulary = whoosh_vocabulary.vocabulary(searcher, "title_words_nl")
        assert vocabulary.starting_with("woord1", 12) == expected
        assert vocabulary.starting_with("zzz", 12) == []

        hits = whoosh.suggest("pakket wasmach", "nl", 10)  # "wasmach" is being typed
        assert len(hits) == 10
        assert all(any(w.startswith("wasmach") for w in titles[hit.key]) for hit in hits)


class TestWordQuery:
    def test_the_direct_query_is_the_parsers_query(self, whoosh):
        schema = whoosh.searcher().schema
        rng = random.Random(11)
        vocabulary = [*WORDS[:12], "de", "het", "wat", "is", "hoe", "the", "a", "to", "e",
                      "mail", "1.5", "w500"]
        for _ in range(300):
            text = " ".join(w + rng.choice(["", "", "^0.15", "^0.7"])
                            for w in rng.choices(vocabulary, k=rng.randint(1, 5)))
            for language in ("nl", "en"):
                for field_boosts in (FIELD_BOOSTS, SUGGEST_FIELDS):
                    boosts = {f"{n}_{language}": b for n, b in field_boosts.items()}
                    parser = qparser.MultifieldParser(
                        list(boosts), schema, fieldboosts=boosts,
                        group=qparser.OrGroup.factory(0.9))
                    parser.remove_plugin_class(qparser.WildcardPlugin)
                    expected = parser.parse(text)
                    built = _word_query(text, schema, boosts)
                    assert built == expected, text
                    assert getattr(built, "scale", None) == getattr(expected, "scale", None)


class TestIndexing:
    def test_field_lengths_are_read_as_whoosh_reads_them(self, whoosh):
        """Writing a segment asks for every posting's field length; the patched reader
        decodes the length column once and must answer as Whoosh's own reader."""
        searcher = whoosh.searcher()
        for reader, _offset in searcher.reader().leaf_readers():
            perdoc = reader._perdoc
            for fieldname in ["title_nl", "body_nl", "body_en", "title_words_nl", "spell",
                              "phrasings_nl"]:
                column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                for docnum in range(reader.doc_count_all()):
                    if column is None:
                        expected = 7
                    else:
                        expected = byte_to_length(column[docnum]) if column[docnum] else None
                    assert perdoc.doc_field_length(docnum, fieldname, 7) == expected
            with pytest.raises(IndexError):
                perdoc.doc_field_length(reader.doc_count_all() + 1, "title_nl")

    def test_an_index_written_by_an_older_release_is_upgraded_in_place(self, tmp_path):
        """An index whose schema predates a field (here the title words the header box
        completes to, which replaced an edge n-gram field) reads as stale, so the worker's
        start-up check queues its documents, and writing them adds the field."""
        old = build_schema()
        for language in ("nl", "en"):
            old.remove(f"title_words_{language}")
            old.add(f"prefix_{language}", TEXT())
        backend = WhooshBackend(tmp_path / "index")
        folder = tmp_path / "index" / "index-old"
        folder.mkdir(parents=True)
        index.create_in(folder, old)
        (tmp_path / "index" / "current").symlink_to(folder.name)
        doc = _doc(1, random.Random(1))
        fields = _fields(doc)
        fields.pop("schema")
        fields["prefix_nl"] = fields.pop("title_words_nl")
        writer = index.open_dir(folder).writer()
        writer.add_document(**fields)
        writer.commit()

        assert backend.digests() == {"d1": ""}  # stale: written under the old schema

        backend.replace_groups({"d1": [doc]})
        assert backend.digests() == {"d1": doc.digest}
        schema = backend.searcher().schema
        assert "title_words_nl" in schema and "prefix_nl" not in schema
        typed = doc.title.split()[0][:4]
        assert [hit.key for hit in backend.suggest(typed, "nl", 5)] == ["d1"]
