"""Precision on whole questions, "did you mean", synonyms and sentence embeddings, on every
backend (tests/search/conftest.py runs each test on Whoosh and, on PostgreSQL, on PostgreSQL)."""

import numpy as np
import pytest
from django.urls import reverse

from search import semantic, vectors
from search.analysis import edit_distance, split_glued, strip_salutation
from search.models import DocumentVector, SearchLog, SynonymSet

from . import content

pytestmark = pytest.mark.django_db
SUGGEST = "/api/v1/suggest"


def suggested(client, q, lang="nl", context="ask"):
    data = client.get(SUGGEST, {"q": q, "lang": lang, "context": context, "limit": 8}).json()
    return [row["title"] for row in data["results"]]


def search_titles(client, q):
    return [
        h.title
        for h in client.get(reverse("search:search"), {"q": q}).context["result"].response.hits
    ]


@pytest.fixture
def shop(home_pages, index_now):
    cat = content.category(home_pages, "Klantenservice")
    pages = {
        "help": content.article(
            cat,
            "Hulp nodig? Wij helpen je graag",
            "Wil je hulp? Laat het weten, we helpen je graag even.",
        ),
        "retour": content.article(cat, "Retour aanmelden", "Meld je retour aan in je account."),
        "factuur": content.article(cat, "Factuur downloaden", "Download je factuur in je account."),
        "start": content.article(cat, "Start met je account", "Start hier met je account."),
        "pakket": content.article(cat, "Pakket kwijt", "Neem contact op als je pakket zoek is."),
    }
    english = content.english_home(home_pages)
    pages["address"] = content.article(
        content.category(english, "Orders"),
        "Change the delivery address",
        "You can change the address before we ship.",
    )
    index_now()
    return pages


class TestWholeQuestions:
    def test_filler_words_do_not_decide_the_top_hit(self, client, shop):
        titles = suggested(client, "hallo ik wil graag hulp met mijn retour laat even weten")
        assert titles[0] == "Retour aanmelden"

    def test_english_filler_does_not_decide_the_top_hit(self, client, home_pages, shop, index_now):
        help_desk = content.category(content.english_home(home_pages), "Help")
        content.article(help_desk, "We want to help", "Need help? We want you to know we help.")
        index_now()
        titles = suggested(client, "hi i need help, i want to know how to change my address", "en")
        assert titles[0] == "Change the delivery address"

    def test_the_prefix_applies_only_while_typing_in_the_header_box(self, search_backend, shop):
        def score(**options):
            hits = search_backend.suggest("pak", "nl", 5, **options)
            return next((h.score for h in hits if h.title == "Pakket kwijt"), 0.0)

        assert score(prefix=True) > score(prefix=False)

    def test_the_ask_form_sends_no_prefix_but_the_header_box_does(self, client, shop):
        assert "Pakket kwijt" in suggested(client, "pak", context="header")

    def test_glued_words_are_split_in_suggestions(self, client, search_backend, shop):
        hits = search_backend.suggest("deliveryaddress", "en", 5, prefix=False)
        assert [h.title for h in hits][:1] == ["Change the delivery address"]
        assert suggested(client, "changedeliveryaddress", "en")[0] == "Change the delivery address"

    def test_glued_word_splitting_rules(self):
        known = {"to", "cancel", "verjaardag", "herinnering", "delivery", "address"}.__contains__
        assert split_glued("tocancel", known) == ["to", "cancel"]
        assert split_glued("verjaardagsherinnering", known) == ["verjaardag", "herinnering"]
        assert split_glued("deliveryaddress", known) == ["delivery", "address"]
        assert split_glued("cancel", known) == [] and split_glued("xyzabcdefg", known) == []

    def test_compounds_of_three_and_four_parts_split_into_the_fewest_known_words(self):
        known = {
            "wasmachine",
            "deur",
            "rubber",
            "wasmachinedeur",
            "hoe",
            "ik",
            "bestel",
            "iets",
            "klant",
            "klanten",
            "service",
            "klantenservice",
            "nummer",
        }.__contains__
        assert split_glued("wasmachinedeurrubber", known) == ["wasmachinedeur", "rubber"]
        assert split_glued("klantenservicenummer", known) == ["klantenservice", "nummer"]
        assert split_glued("hoebestelikiets", known) == ["hoe", "bestel", "ik", "iets"]
        # Every piece must be known; more than four pieces is no longer a compound.
        assert split_glued("wasmachinedeurxyzq", known) == []
        assert split_glued("hoeikhoeikhoeik", known) == []

    def test_each_piece_is_looked_up_once(self):
        asked = []

        def known(word):
            asked.append(word)
            return word in {"track", "en", "trace"}

        assert split_glued("trackentracetrack", known) == ["track", "en", "trace", "track"]
        assert len(asked) == len(set(asked))

    def test_a_glued_three_part_question_is_split_in_suggestions(self, client, shop):
        assert suggested(client, "mijnfactuurdownloaden")[0] == "Factuur downloaden"
        assert suggested(client, "retouraanmeldenaccount")[0] == "Retour aanmelden"

    def test_an_opening_greeting_is_left_out_of_the_query_vector(self):
        assert (
            strip_salutation("Beste klantenservice, waar blijft mijn pakket?")
            == "waar blijft mijn pakket?"
        )
        assert strip_salutation("Hi there, where is my parcel") == "where is my parcel"
        assert semantic.query_text("Goedemiddag, factuur kwijt") == "factuur kwijt"
        # Not a greeting, a greeting too long to be one, or nothing after it: unchanged.
        for text in (
            "Kan ik, als gast, bestellen?",
            "Hallo ik ben op zoek naar de retourbon, waar staat die",
            "Hallo,",
        ):
            assert strip_salutation(text) == text

    def test_a_greeting_that_names_an_article_does_not_lead_to_it(
        self, client, home_pages, index_now
    ):
        cat = content.category(home_pages, "Contact")
        content.article(cat, "Hoe bereik ik de klantenservice?", "Bel of mail ons.")
        content.article(cat, "Pakket kwijt", "Neem contact op als je pakket zoek is.")
        index_now()
        assert suggested(client, "Beste klantenservice, waar is mijn pakket?")[0] == "Pakket kwijt"


class TestDidYouMean:
    def test_a_distant_correction_is_only_offered_as_a_link(self, client, shop):
        response = client.get(reverse("search:search"), {"q": "storm"})
        result = response.context["result"]
        assert result.response.total == 0 and not result.corrected_results
        assert result.response.correction == "start"
        assert 'href="?q=start"' in response.content.decode()
        log = SearchLog.objects.get(query="storm")
        assert log.result_count == 0  # the zero-result report keeps "storm"

    def test_a_close_frequent_correction_replaces_an_empty_query(
        self, client, home_pages, shop, index_now
    ):
        cat = content.category(home_pages, "Retouren")
        for n in range(2):
            content.article(cat, f"Retour vraag {n}", "Over je retour.")
        index_now()
        result = client.get(reverse("search:search"), {"q": "retuor"}).context["result"]
        assert result.corrected_results and result.response.correction == "retour"
        assert SearchLog.objects.get(query="retuor").result_count == 0

    def test_edit_distance(self):
        assert edit_distance("storm", "start") == 2
        assert edit_distance("retourr", "retour") == 1
        assert edit_distance("retuor", "retour") == 1
        assert edit_distance("", "abc") == 3


class TestSynonyms:
    def test_a_two_way_set_finds_each_term_on_search_and_suggest(self, client, shop):
        assert "Factuur downloaden" not in search_titles(client, "kwitantie")
        SynonymSet.objects.create(language="nl", terms="factuur, kwitantie")
        assert search_titles(client, "kwitantie")[:1] == ["Factuur downloaden"]
        assert suggested(client, "waar vind ik mijn kwitantie")[0] == "Factuur downloaden"

    def test_a_one_way_expansion_does_not_work_backwards(self, client, shop):
        SynonymSet.objects.create(language="nl", terms="aanmeldcode", expansions="retour")
        assert search_titles(client, "aanmeldcode")[:1] == ["Retour aanmelden"]
        assert "Retour" not in " ".join(search_titles(client, "retour")[1:])

    def test_sets_apply_only_to_their_language(self, client, shop):
        SynonymSet.objects.create(language="en", terms="factuur, kwitantie")
        assert "Factuur downloaden" not in search_titles(client, "kwitantie")

    def test_the_seeded_web_shop_vocabulary_applies_in_both_languages(
        self, client, home_pages, index_now
    ):
        from search import synonyms

        cat = content.category(home_pages, "Retourneren")
        content.article(cat, "Hoeveel bedenktijd heb ik?", "Dertig dagen na ontvangst.")
        index_now()
        # The search page is lexical only: the seeded set is what finds it.
        assert search_titles(client, "zichttermijn")[:1] == ["Hoeveel bedenktijd heb ik?"]
        assert "newsletter" in synonyms.expand("stop the promotional emails", "en")
        assert {"klantenservice", "contact"} <= set(synonyms.expand("kan ik jullie bellen", "nl"))

    def test_deleting_a_set_takes_effect_at_once(self, client, shop):
        synonym = SynonymSet.objects.create(language="nl", terms="factuur, kwitantie")
        assert search_titles(client, "kwitantie")[:1] == ["Factuur downloaden"]
        synonym.delete()
        assert "Factuur downloaden" not in search_titles(client, "kwitantie")


FIXED = ["Hoe retourneer ik een artikel?", "Where is my parcel?", "Wachtwoord vergeten"]


class TestSentenceEmbeddings:
    def test_every_indexed_document_has_a_vector_of_the_current_model(self, shop):
        rows = DocumentVector.objects.all()
        assert {r.model_version for r in rows} == {semantic.MODEL_VERSION}
        assert rows.count() == len(shop)

    def test_fixed_sentences_match_their_stored_vectors(self, home_pages, index_now):
        from search.indexing import documents_for

        cat = content.category(home_pages, "Vaste zinnen")
        for title in FIXED:
            content.article(cat, title, "Tekst.")
        index_now()
        rows = {row.title: row for row in DocumentVector.objects.filter(title__in=FIXED)}
        stored = {
            title: np.frombuffer(bytes(row.vector), dtype=np.float16).astype(np.float32)
            for title, row in rows.items()
        }
        fresh = semantic.document_vectors([documents_for(rows[t].group)[0] for t in FIXED])
        for title, vector in zip(FIXED, fresh, strict=True):
            cosine = float(stored[title] @ vector / np.linalg.norm(stored[title]))
            assert cosine >= 0.99, title
        # Each sentence alone is nearest to the document it is the title of.
        for title, query in zip(FIXED, semantic.embed(FIXED), strict=True):
            assert max(stored, key=lambda t: float(stored[t] @ query)) == title

    def test_a_document_vector_is_made_of_short_weighted_parts(self):
        body = "Eerste zin over retourneren. Tweede zin! Derde zin komt er niet in."
        parts = semantic.document_parts(
            "Retour aanmelden",
            "Zo meld je een retour aan.",
            body,
            "Retourneren",
            ("retour", "label"),
        )
        assert parts == [
            ("Retour aanmelden", semantic.TITLE_WEIGHT),
            ("Zo meld je een retour aan.", 1.0),
            ("Eerste zin over retourneren.", 1.0),
            ("Tweede zin!", 1.0),
            ("Retourneren", semantic.TOPIC_WEIGHT),
            ("retour, label", semantic.TOPIC_WEIGHT),
        ]
        # Empty and repeated parts are left out; a long part is cut.
        long = " ".join(["woord"] * 100)
        parts = semantic.document_parts("Titel", "titel", long)
        assert [text for text, _w in parts] == ["Titel", " ".join(["woord"] * 40)]

    def test_a_document_vector_is_the_weighted_mean_of_its_parts(self):
        from search.registry import Document

        doc = Document(
            key="k",
            group="g",
            type="article",
            language="nl",
            title="Factuur",
            url="/f/",
            summary="Download je factuur.",
            body="In je account.",
        )
        parts = semantic.document_parts(doc.title, doc.summary, doc.body)
        weights = np.array([w for _t, w in parts], dtype=np.float32)
        mean = weights @ semantic.embed([t for t, _w in parts])
        vector = semantic.document_vectors([doc])[0]
        assert np.allclose(vector, mean / np.linalg.norm(mean), atol=1e-5)
        assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5

    def test_meaning_finds_what_shares_no_word(self, client, shop):
        # "invoice" is in no Dutch document and no synonym set.
        SynonymSet.objects.all().delete()
        assert "Factuur downloaden" in suggested(client, "invoice kopie")

    def test_vectors_are_recomputed_when_the_model_version_changes(
        self, shop, index_now, monkeypatch
    ):
        from search.indexing import schedule

        monkeypatch.setattr(semantic, "MODEL_VERSION", "test-model-2")
        groups = sorted({r.group for r in DocumentVector.objects.all()})
        schedule(groups)
        index_now()
        assert set(DocumentVector.objects.values_list("model_version", flat=True)) == {
            "test-model-2"
        }
        assert vectors.memory.matrix("nl").keys  # the new vectors are the ones read

    def test_an_unchanged_document_reuses_its_vector(self, shop):
        from search.indexing import documents_for

        before = {k: bytes(v) for k, v in DocumentVector.objects.values_list("key", "vector")}
        groups = sorted({r.group for r in DocumentVector.objects.all()})
        assert vectors.store({group: documents_for(group) for group in groups}) == 0
        after = {k: bytes(v) for k, v in DocumentVector.objects.values_list("key", "vector")}
        assert after == before


class TestTheSearchPageRanksByMeaning:
    """After Enter, the results page mixes meaning into its first places as the suggestions
    do; the words alone decide whether anything is found, and the facets."""

    @pytest.fixture
    def copies(self, home_pages, shop, index_now):
        SynonymSet.objects.all().delete()
        manuals = content.category(home_pages, "Handleidingen")
        content.article(manuals, "Kopie van een handleiding",
                        "Vraag een kopie van de handleiding aan.", tags=["handleiding"])
        index_now()
        return manuals

    def test_a_document_found_by_meaning_alone_reaches_the_first_page(self, client, copies):
        # "invoice" is in no Dutch document and no synonym set; "kopie" finds the manual.
        assert "Factuur downloaden" in search_titles(client, "invoice kopie")

    def test_a_query_whose_words_match_nothing_keeps_its_empty_page(self, client, copies):
        response = client.get(reverse("search:search"), {"q": "invoice"})
        assert response.context["result"].response.total == 0
        assert SearchLog.objects.get().result_count == 0

    def test_documents_found_by_meaning_pass_the_filters(self, client, copies):
        for facet, value in (("category", "Handleidingen"), ("tag", "handleiding"),
                             ("type", "question")):
            response = client.get(reverse("search:search"),
                                  {"q": "invoice kopie", facet: value})
            titles = [h.title for h in response.context["result"].response.hits]
            assert "Factuur downloaden" not in titles, facet

    def test_a_broad_query_keeps_every_result_on_exactly_one_page(
        self, client, copies, index_now, monkeypatch
    ):
        from search import selectors

        # One page re-ranked by meaning, then the backend's own pages. With more word matches
        # than those places, documents found by meaning alone do not join: they would push
        # word matches off the pages.
        monkeypatch.setattr(selectors, "BLENDED_PLACES", 10)
        for n in range(24):
            content.article(copies, f"Handleiding {n}", f"Een kopie van handleiding {n}.")
        index_now()
        shown, total, page = [], None, 1
        while True:
            result = client.get(reverse("search:search"),
                                {"q": "invoice kopie", "page": page}).context["result"]
            total = result.response.total
            shown += [h.title for h in result.response.hits]
            if page >= result.num_pages:
                break
            page += 1
        assert len(shown) == len(set(shown)) == total == 25
        assert "Factuur downloaden" not in shown
