"""The fast paths of search stay correct: the result cache follows the index generation,
facets counted from the best hits equal a brute-force count when few documents match, the
cheap "did you mean" check agrees with a search, stored vectors are reused and reloaded
incrementally, and Whoosh's block skipping finds what scoring every match finds."""

import random
from collections import Counter

import numpy as np
import pytest
from django.core.cache import cache
from whoosh.matching import CoordMatcher

from search import selectors, semantic, vectors
from search.backends import SearchRequest
from search.backends.whoosh import WhooshBackend, _BoostScorer
from search.models import DocumentVector
from search.registry import Document

from . import content


def _request(text: str) -> SearchRequest:
    return SearchRequest(text=text, language="nl", per_page=selectors.PER_PAGE)


@pytest.mark.django_db
class TestResultCache:
    def test_a_repeated_query_is_answered_from_the_cache(self, search_backend, index_now):
        content.question("Stofzuiger zuigt niet", "Geen zuigkracht meer.", answer="Leeg de zak.")
        index_now()
        key = selectors.result_cache_key(search_backend, _request("Stofzuiger"))
        if key is None:  # a backend without a generation is never cached
            assert search_backend.generation() is None
            return
        assert cache.get(key) is None
        first = selectors.search(query="Stofzuiger", language="nl")
        cached_response, _total, _corrected = cache.get(key)
        assert cached_response.total == first.response.total == 1
        # The same words typed differently share the entry.
        assert selectors.result_cache_key(search_backend, _request("  stofzuiger ")) == key

    def test_an_index_write_invalidates_the_cached_answer(self, search_backend, index_now):
        content.question("Stofzuiger zuigt niet", "Geen zuigkracht meer.", answer="Leeg de zak.")
        index_now()
        before_key = selectors.result_cache_key(search_backend, _request("stofzuiger"))
        assert selectors.search(query="stofzuiger", language="nl").response.total == 1
        content.question("Stofzuiger maakt lawaai", "Hij piept.", answer="Vervang het filter.")
        index_now()
        assert selectors.result_cache_key(search_backend, _request("stofzuiger")) != before_key \
            or before_key is None
        assert selectors.search(query="stofzuiger", language="nl").response.total == 2


@pytest.mark.django_db
def test_facets_equal_a_brute_force_count(home_pages, index_now, search_backend):
    categories = [content.category(home_pages, name) for name in ("Bezorging", "Betalen")]
    made = []
    for n in range(14):
        tags = ["pakket", "snel"][: n % 3]
        cat = categories[n % 2]
        content.article(cat, f"Pakket {n} volgen", f"Volg je pakket nummer {n}.", tags=tags)
        made.append((cat.title, tags))
    index_now()
    response = selectors.search(query="pakket", language="nl").response
    assert response.total == len(made)
    assert len(response.hits) == selectors.PER_PAGE  # facets count beyond the shown page
    assert dict(response.facets["category"]) == Counter(cat for cat, _tags in made)
    assert dict(response.facets["tag"]) == Counter(tag for _cat, tags in made for tag in tags)
    assert dict(response.facets["type"]) == {"article": len(made)}
    assert dict(response.facets["language"]) == {"nl": len(made)}


def _doc(key: str, title: str, body: str = "", language: str = "nl") -> Document:
    return Document(key=key, group=key, type="article", language=language, title=title,
                    url=f"/{key}/", body=body)


@pytest.mark.django_db
class TestDidYouMeanCheck:
    """The correction offered beside results is checked with `matches`, not a second search:
    it must agree with what a search finds, language and filters included."""

    def test_matches_agrees_with_search(self, search_backend):
        search_backend.replace_groups({
            "a": [_doc("a", "Retour aanmelden", "Meld je retour aan.")],
            "b": [_doc("b", "Return an item", "Send it back.", language="en")],
        })
        for text, language, filters in [("retour", "nl", {}), ("retour", "en", {}),
                                        ("return", "en", {}), ("pakket", "nl", {}),
                                        ("retour", "nl", {"type": "faq"}),
                                        ("retour", "nl", {"type": "article"})]:
            request = SearchRequest(text=text, language=language, filters=filters)
            assert search_backend.matches(request) == (search_backend.search(request).total > 0)

    def test_a_correction_beside_results_is_offered_as_before(self, search_backend):
        search_backend.replace_groups({
            "a": [_doc("a", "Retour aanmelden", "Meld je retour aan.")],
            "b": [_doc("b", "Pakket kwijt", "Waar is mijn pakket?")],
        })
        page = selectors.search(query="pakket retuor", language="nl")
        assert [hit.key for hit in page.response.hits][:1] == ["b"]
        assert page.response.correction == "pakket retour" and not page.corrected_results
        # With no result the second search still runs (its hits may replace the page; here
        # "retour" is in too few documents for that, so it is a link).
        page = selectors.search(query="retuor", language="nl")
        assert page.response.total == 0 and page.response.correction == "retour"


@pytest.mark.django_db
class TestVectorReuse:
    """Embedding is the slow part of indexing (milliseconds per document): stored vectors are
    reused whenever what they stand for did not change."""

    def test_a_rebuild_of_unchanged_content_embeds_and_writes_nothing(self):
        groups = {"a": [_doc("a", "Wasmachine lekt")], "b": [_doc("b", "Pakket kwijt")]}
        assert vectors.store(groups) == 2
        before = dict(DocumentVector.objects.values_list("key", "pk"))
        assert vectors.store(groups) == 0
        assert dict(DocumentVector.objects.values_list("key", "pk")) == before

    def test_a_changed_document_is_embedded_again_and_a_removed_one_deleted(self):
        vectors.store({"a": [_doc("a", "Wasmachine lekt", "De pomp is stuk.")]})
        old = bytes(DocumentVector.objects.get(key="a").vector)
        changed = _doc("a", "Wasmachine lekt", "Er staat water onder de deur.")
        assert vectors.store({"a": [changed]}) == 1
        row = DocumentVector.objects.get(key="a")
        assert bytes(row.vector) != old and row.digest == changed.digest
        vectors.store({"a": []})
        assert not DocumentVector.objects.exists()

    def test_memory_follows_writes_without_rereading_everything(self):
        vectors.store({"a": [_doc("a", "Wasmachine lekt")], "b": [_doc("b", "Pakket kwijt")]})
        assert sorted(vectors.memory.matrix("nl").keys) == ["a", "b"]
        vectors.store({"b": [], "c": [_doc("c", "Koelkast piept")]})
        matrix = vectors.memory.matrix("nl")
        assert sorted(matrix.keys) == ["a", "c"]
        assert matrix.vectors.shape == (2, semantic.DIMENSIONS)
        fresh = semantic.document_vectors([_doc("c", "Koelkast piept")])[0]
        assert np.allclose(matrix.vectors[matrix.keys.index("c")], fresh, atol=1e-2)

    def test_nearest_is_the_best_first_order_of_a_full_sort(self):
        cosines = np.random.default_rng(1).standard_normal(5000).astype(np.float32)
        assert list(vectors.nearest(cosines, 30)) == list(np.argsort(-cosines)[:30])
        assert list(vectors.nearest(cosines[:10], 30)) == list(np.argsort(-cosines[:10]))


VERBS = ["retourneren", "annuleren", "betalen", "bestellen", "repareren", "installeren",
         "opzeggen", "wijzigen", "ruilen", "volgen", "ophalen", "terugsturen", "vervangen",
         "schoonmaken", "aansluiten"]
NOUNS = ["mijn pakket", "de wasmachine", "een cadeaubon", "mijn wachtwoord", "de factuur",
         "een koelkast", "mijn bestelling", "de stofzuiger", "de oplader", "mijn account",
         "de garantie", "een laptop", "de afstandsbediening", "mijn adres", "de bezorging",
         "een kortingscode", "de muurbeugel", "het filter", "de telefoon", "mijn abonnement"]


@pytest.fixture(scope="module")
def sentences():
    texts = [f"Hoe kan ik {noun} {verb}?" for noun in NOUNS for verb in VERBS]
    return texts, semantic.embed(texts)


class TestProjectedShortlist:
    """Above `EXACT_LIMIT` vectors the nearest documents come from a shortlist picked in a
    few principal directions and scored exactly: on real sentence embeddings it finds the
    same nearest documents as scoring every one."""

    def test_the_shortlist_finds_the_exact_nearest_documents(self, sentences):
        texts, embedded = sentences
        exact = vectors.Matrix(texts, embedded, [])
        projected = vectors.Matrix(texts, embedded, [])
        projected.projection = vectors.fit_projection(embedded)
        projected.reduced = embedded @ projected.projection
        for query in semantic.embed(["waar blijft mijn pakket", "wasmachine terugsturen",
                                     "wachtwoord vergeten", "factuur kwijt", "geld terug"]):
            want = vectors.Similarity(exact, query).nearest(10)
            got = vectors.Similarity(projected, query, shortlist=30).nearest(10)
            assert [n for n, _c in got] == [n for n, _c in want]
            assert np.allclose([c for _n, c in got], [c for _n, c in want], atol=1e-5)

    @pytest.mark.django_db
    def test_memory_projects_a_large_language_and_keeps_it_aligned_on_writes(
            self, monkeypatch):
        monkeypatch.setattr(vectors, "EXACT_LIMIT", 2)
        vectors.store({key: [_doc(key, title)] for key, title in
                       [("a", "Wasmachine lekt"), ("b", "Pakket kwijt"), ("c", "Factuur")]})
        matrix = vectors.memory.matrix("nl")
        assert matrix.reduced.shape == (3, min(3, vectors.REDUCED_DIMENSIONS))
        vectors.store({"b": [], "d": [_doc("d", "Koelkast piept")]})
        matrix = vectors.memory.matrix("nl")
        assert sorted(matrix.keys) == ["a", "c", "d"]
        assert np.allclose(matrix.reduced, matrix.vectors @ matrix.projection, atol=1e-5)
        similarity = vectors.similar("koelkast maakt geluid", "nl")
        assert matrix.keys[similarity.nearest(1)[0][0]] == "d"
        assert similarity.cosine("d") == pytest.approx(similarity.nearest(1)[0][1], abs=1e-5)
        assert similarity.cosine("gone") is None


class TestWhooshBlockSkipping:
    """Whoosh may skip posting blocks that cannot reach the top hits; our fix of its
    coordination matcher must keep each block bound true, and skipping must not change what
    is found."""

    @pytest.fixture
    def whoosh(self, tmp_path):
        backend = WhooshBackend(tmp_path / "index")
        rng = random.Random(5)
        words = ["retour", "pakket", "bezorging", "factuur", "garantie", "wasmachine",
                 "koelkast", "lekt", "kapot", "adres"] + [f"woord{n}" for n in range(200)]
        groups = []
        for n in range(3000):
            title = " ".join(rng.choices(words, k=4))
            body = " ".join(rng.choices(words, k=30))
            groups.append((f"d{n}", [Document(key=f"d{n}", group=f"d{n}", type="article",
                                               language="nl", title=title, url=f"/{n}/",
                                               body=body, boost=1 + (n % 5) / 10)]))
        backend.rebuild(iter(groups))
        return backend

    def test_a_coordinated_matcher_skips_only_to_blocks_that_can_win(self, whoosh):
        searcher = whoosh.searcher()
        q = whoosh._text_query("retour pakket lekt", searcher.schema, "nl", grams=False)
        for threshold in (0.5, 2.0, 5.0, 8.0):
            matcher = q.matcher(searcher)
            assert isinstance(matcher, CoordMatcher) and matcher.supports_block_quality()
            matcher.skip_to_quality(threshold)
            assert not matcher.is_active() or matcher.block_quality() > threshold

    def test_skipping_finds_what_scoring_everything_finds(self, whoosh, monkeypatch):
        texts = ["retour", "retour pakket", "wasmachine lekt kapot", "factuur adres",
                 "garantie koelkast woord3"]

        def answers():
            whoosh._local.__dict__.clear()  # fresh searchers
            return [([h.key for h in whoosh.search(SearchRequest(text=t, language="nl")).hits],
                     [h.key for h in whoosh.suggest(t[:-2], "nl", 10)],
                     [h.key for h in whoosh.suggest(t, "nl", 10, prefix=False)]) for t in texts]

        skipping = answers()
        monkeypatch.setattr(_BoostScorer, "supports_block_quality", lambda self: False)
        assert answers() == skipping
