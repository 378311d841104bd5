"""The search page: hits with highlighted snippets, facets, "did you mean", pagination, the
empty state, editors' picks and matching announcements."""

import sys

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kb.models import Announcement
from search.backends.postgres import PostgresBackend

from . import content

pytestmark = pytest.mark.django_db
# Promotions, announcements, and finding the same submission in its transaction (savepoint,
# select, release); the layout itself costs none for an anonymous visitor.
QUERIES_PER_SEARCH_PAGE = 5


@pytest.fixture
def returns(home_pages, index_now):
    cat = content.category(home_pages, "Retourneren")
    pages = [
        content.article(cat, "Retour aanmelden", "Meld je retour binnen 30 dagen aan.",
                        tags=["retour"]),
        content.article(cat, "Retourkosten", "Het retourneren van een pakket is gratis.",
                        tags=["kosten"]),
        content.article(cat, "Terugbetaling", "Je krijgt je geld terug na je retour."),
    ]
    index_now()
    return pages


def get(client, **params):
    return client.get(reverse("search:search"), params)


class TestResults:
    def test_hits_show_highlighted_snippets(self, client, returns):
        response = get(client, q="retour")
        assert response.status_code == 200
        assert "<mark>" in response.content.decode()
        assert response.context["result"].response.total == 3

    def test_snippets_escape_content(self, client, home_pages, index_now):
        cat = content.category(home_pages, "Veiligheid")
        content.article(cat, "Scripts", "Typ nooit &lt;script&gt;alert(1)&lt;/script&gt; in velden")
        index_now()
        body = get(client, q="scripts veld").content.decode()
        assert "<script>alert" not in body

    def test_facets_count_types_categories_and_tags(self, client, returns):
        facets = get(client, q="retour").context["result"].response.facets
        assert facets["type"] == [("article", 3)]
        assert facets["category"] == [("Retourneren", 3)]
        assert ("retour", 1) in facets["tag"]
        assert facets["language"] == [("nl", 3)]

    def test_beyond_the_count_limit_the_page_says_more_than(self, client, returns,
                                                            search_backend, monkeypatch):
        # Counting stops at the backend's COUNT_LIMIT (1,000): lowered here to 2 of 3 matches.
        monkeypatch.setattr(sys.modules[type(search_backend).__module__], "COUNT_LIMIT", 2)
        response = get(client, q="retour")
        result = response.context["result"].response
        assert (result.total, result.total_capped) == (2, True)
        assert "Meer dan 2 resultaten" in response.content.decode()

    def test_a_facet_filters_the_hits(self, client, returns):
        response = get(client, q="retour", tag="kosten")
        assert [h.title for h in response.context["result"].response.hits] == ["Retourkosten"]

    def test_did_you_mean_comes_from_the_index(self, client, returns):
        result = get(client, q="retourr").context["result"]
        assert result.response.correction == "retour"
        # Whether the page also shows the corrected results (only for a frequent word one typo
        # away) is the rule tests/search/test_quality.py pins.

    def test_pagination(self, client, home_pages, index_now):
        cat = content.category(home_pages, "Bezorging")
        for n in range(12):
            content.article(cat, f"Bezorging vraag {n}", "Over de bezorging van je pakket.")
        index_now()
        first, second = get(client, q="bezorging"), get(client, q="bezorging", page=2)
        assert len(first.context["hits"]) == 10 and len(second.context["hits"]) == 2
        assert "next_url" in first.context and "prev_url" in second.context

    def test_empty_state_offers_the_community_and_support(self, client, returns):
        body = get(client, q="xylofoonles").content.decode()
        assert reverse("community:ask") in body and reverse("support:contact") in body

    def test_compound_words_match_their_parts(self, client, home_pages, index_now):
        cat = content.category(home_pages, "Formulieren")
        page = content.article(cat, "Het retourformulier invullen", "Vul alle velden in.")
        index_now()
        hits = get(client, q="formulier").context["result"].response.hits
        assert [h.key for h in hits] == [f"article:{page.pk}"]

    def test_accents_are_folded(self, client, home_pages, index_now):
        cat = content.category(home_pages, "Koffie")
        content.article(cat, "Café-apparaten ontkalken", "Ontkalk je apparaat elke maand.")
        index_now()
        assert get(client, q="cafe").context["result"].response.total == 1


class TestLanguages:
    def test_english_visitors_get_english_hits_and_a_language_facet(self, client, home_pages,
                                                                    index_now):
        english = content.english_home(home_pages)
        content.article(content.category(home_pages, "Betalen"), "Betalen met iDEAL",
                        "Betaal veilig met iDEAL.")
        content.article(content.category(english, "Payment"), "Paying with iDEAL",
                        "Pay safely with iDEAL.")
        index_now()
        with translation.override("en"):
            response = client.get(reverse("search:search"), {"q": "ideal"})
        result = response.context["result"]
        assert [h.title for h in result.response.hits] == ["Paying with iDEAL"]
        assert dict(result.response.facets["language"]) == {"nl": 1, "en": 1}

    def test_english_stemming(self, client, home_pages, index_now):
        english = content.english_home(home_pages)
        content.article(content.category(english, "Orders"), "Cancelling orders",
                        "You can cancel an order within an hour.")
        index_now()
        with translation.override("en"):
            url = reverse("search:search")
        result = client.get(url,
                            {"q": "cancelled order"}).context["result"]
        assert result.response.total == 1


class TestQueryCount:
    def test_a_results_page_costs_a_fixed_number_of_queries(self, client, returns, search_backend,
                                                            django_assert_num_queries):
        # PostgreSQL answers in SQL: index generation, vocabulary, ranking (facets and counts
        # in the same query).
        in_sql = 3 if isinstance(search_backend, PostgresBackend) else 0
        expected = QUERIES_PER_SEARCH_PAGE + in_sql
        get(client, q="retour", tag="kosten")  # the visitor's first search creates the log row
        with django_assert_num_queries(expected):
            get(client, q="retour", page=2)
        # The first places of a search are shared by its pages through the result cache.
        with django_assert_num_queries(expected - in_sql + (1 if in_sql else 0)):
            get(client, q="retour", page=1)


class TestPromotionsAndAnnouncements:
    def test_editors_pick_is_shown_first(self, client, returns):
        pick = returns[2]
        SearchPromotion.objects.create(query=Query.get("geld terug"), page=pick, sort_order=0,
                                       description="Zo krijg je je geld terug.")
        result = get(client, q="Geld terug").context["result"]
        assert result.promoted[0]["title"] == "Terugbetaling"

    def test_active_matching_announcement_is_on_top(self, client, returns, home_pages):
        Announcement.objects.create(
            title="Retouren vertraagd",
            message="<p>Door drukte duurt het verwerken van retouren langer.</p>",
            locale=home_pages.locale, starts_at=timezone.now(),
        )
        Announcement.objects.create(
            title="Storing betalen", message="<p>iDEAL werkt even niet.</p>",
            locale=home_pages.locale, starts_at=timezone.now(),
        )
        result = get(client, q="retour").context["result"]
        assert [a.title for a in result.announcements] == ["Retouren vertraagd"]
