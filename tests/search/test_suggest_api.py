"""GET /api/v1/suggest and the suggestion events (click, confirm, posted)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from search import services
from search.models import Deflection, SuggestionLog

from . import content

pytestmark = pytest.mark.django_db
URL = "/api/v1/suggest"


@pytest.fixture
def corpus(home_pages, index_now):
    cat = content.category(home_pages, "Bezorging")
    pages = [
        content.article(cat, "Bezorging op zaterdag", "Kies bij het afrekenen een bezorgdag."),
        content.article(cat, "Pakket kwijt", "Neem contact op als je pakket zoek is."),
    ]
    question = content.question("Wasmachine lekt water", "Wat nu?",
                                answer="Maak het pompfilter schoon.", accepted=True)
    index_now()
    return pages, question


class TestSuggest:
    def test_returns_type_title_url_and_snippet(self, client, corpus):
        data = client.get(URL, {"q": "zaterdag", "lang": "nl"}).json()
        [first] = data["results"]
        assert first["title"] == "Bezorging op zaterdag" and first["type"] == "article"
        assert first["url"].startswith("/nl/") and "snippet" in first and first["go"]

    @pytest.mark.parametrize(("language", "browser", "label"), [
        ("nl", "en-GB,en;q=0.9", "Artikel"), ("en", "nl-NL,nl;q=0.9", "Article")])
    def test_type_labels_are_in_the_language_asked_for_not_the_browsers(
            self, client, corpus, home_pages, index_now, language, browser, label):
        # A Dutch page in an English browser showed "Article" above each Dutch suggestion.
        delivery = content.category(content.english_home(home_pages), "Delivery")
        content.article(delivery, "Delivery on Saturday", "Choose a delivery day at checkout.")
        index_now()
        data = client.get(URL, {"q": "zaterdag" if language == "nl" else "saturday",
                                "lang": language}, headers={"accept-language": browser}).json()
        assert [r["type_label"] for r in data["results"]][:1] == [label]

    def test_partial_words_match(self, client, corpus):
        data = client.get(URL, {"q": "bezorg", "lang": "nl"}).json()
        titles = [r["title"] for r in data["results"]]
        assert "Bezorging op zaterdag" in titles

    def test_typos_are_tolerated(self, client, corpus):
        titles = [r["title"] for r in client.get(URL, {"q": "wasmachien lekt",
                                                       "lang": "nl"}).json()["results"]]
        assert titles[0] == "Wasmachine lekt water"

    @pytest.mark.parametrize(("params", "code"), [
        ({"q": "", "lang": "nl"}, "empty_query"),
        ({"q": "   ", "lang": "nl"}, "empty_query"),
        ({"lang": "nl"}, "empty_query"),
        ({"q": "x" * 10_240, "lang": "nl"}, "query_too_long"),
        ({"q": "pakket", "lang": "fr"}, "unknown_language"),
        ({"q": "pakket"}, "unknown_language"),
    ])
    def test_bad_parameters_get_a_clear_400(self, client, corpus, params, code):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert response.json()["error"] == code and response.json()["message"]

    def test_is_rate_limited(self, client, corpus, settings):
        settings.SEARCH_SUGGEST_RATE = 3
        statuses = [client.get(URL, {"q": "pakket", "lang": "nl"}).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]

    def test_suggestions_shown_are_logged_without_an_ip(self, client, corpus):
        data = client.get(URL, {"q": "pakket", "lang": "nl", "context": "ask"},
                          REMOTE_ADDR="203.0.113.9").json()
        [row] = SuggestionLog.objects.all()
        # Documents near in meaning ("Bezorging op zaterdag") may join the one that names it.
        assert data["results"][0]["title"] == "Pakket kwijt"
        assert (row.query, row.context, row.shown) == ("pakket", "ask", len(data["results"]))
        assert "203.0.113.9" not in json.dumps(list(SuggestionLog.objects.values()), default=str)


class TestSuggestionEvents:
    def _suggest(self, client, q, context="ask"):
        return client.get(URL, {"q": q, "lang": "nl", "context": context}).json()

    def test_a_click_is_recorded_and_redirects_to_the_result(self, client, corpus):
        data = self._suggest(client, "zaterdag")
        response = client.get(data["results"][0]["go"])
        assert response.status_code == 302 and response.url == data["results"][0]["url"]
        row = SuggestionLog.objects.get()
        assert row.clicked_position == 1 and row.clicked_url == data["results"][0]["url"]

    def test_go_never_redirects_off_site(self, client, corpus):
        data = self._suggest(client, "zaterdag")
        response = client.get(URL + "/go", {"s": data["suggestion"], "p": 1,
                                            "to": "https://evil.example/"})
        assert response.url == "/"

    def test_confirming_records_a_deflection_and_rewards_the_answer(self, client, corpus):
        from gamification.models import ReputationEvent

        _pages, question = corpus
        data = self._suggest(client, "wasmachine lekt")
        result = data["results"][0]
        response = client.post(URL + "/confirm", {"suggestion": data["suggestion"],
                                                  "key": result["key"], "url": result["url"]},
                               content_type="application/json")
        assert response.status_code == 200
        deflection = Deflection.objects.get()
        assert deflection.kind == "confirmed" and deflection.document == f"question:{question.pk}"
        author = question.answers.get().author
        assert ReputationEvent.objects.filter(user=author, reason="deflection").count() == 1

    def test_someone_elses_suggestion_cannot_be_confirmed(self, client, corpus):
        data = self._suggest(client, "zaterdag")
        client.cookies.clear()
        response = client.post(URL + "/confirm", {"suggestion": data["suggestion"], "key": "x"},
                               content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"] == "unknown_suggestion"

    def test_a_click_without_posting_becomes_an_implicit_deflection(self, client, corpus):
        data = self._suggest(client, "zaterdag")
        client.get(data["results"][0]["go"])
        later = timezone.now() + timedelta(hours=1)
        assert services.settle_implicit_deflections(now=later) == 1
        assert Deflection.objects.get().kind == "implicit"

    def test_posting_after_all_is_no_deflection(self, client, corpus):
        data = self._suggest(client, "pakket")
        client.get(data["results"][0]["go"])
        client.post(URL + "/posted", {"suggestion": data["suggestion"]},
                    content_type="application/json")
        assert services.settle_implicit_deflections(now=timezone.now() + timedelta(hours=1)) == 0
        assert not Deflection.objects.exists()

    def test_header_clicks_are_not_deflections(self, client, corpus):
        data = self._suggest(client, "pakket", context="header")
        client.get(data["results"][0]["go"])
        assert services.settle_implicit_deflections(now=timezone.now() + timedelta(hours=1)) == 0
