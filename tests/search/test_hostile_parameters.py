"""Numbers and JSON from the outside: non-ASCII digits are not numbers, and a JSON body that is
too large or too deeply nested is a 400, never a 500. And one visitor key for search and
article feedback: using one no longer breaks the other."""

import json

import pytest

from kb.models import PageFeedback
from search.models import Deflection

from . import content

pytestmark = pytest.mark.django_db
URL = "/api/v1/suggest"
ODD_NUMBERS = ["²", "٣", "１", "³⁴", " 7", "1e3", "-", "9" * 40]


@pytest.fixture
def corpus(home_pages, index_now):
    cat = content.category(home_pages, "Bezorging")
    page = content.article(cat, "Bezorging op zaterdag", "Kies bij het afrekenen een bezorgdag.")
    index_now()
    return page


@pytest.mark.parametrize("odd", ODD_NUMBERS)
def test_non_ascii_digits_in_page_s_and_p_are_treated_as_missing(client, corpus, odd):
    assert client.get("/nl/zoeken/", {"q": "zaterdag", "page": odd}).status_code == 200
    click = client.get("/nl/zoeken/klik/", {"s": odd, "p": odd, "to": "/nl/"})
    assert (click.status_code, click["Location"]) == (302, "/nl/")
    go = client.get(URL + "/go", {"s": odd, "p": odd, "to": "/nl/"})
    assert (go.status_code, go["Location"]) == (302, "/nl/")
    assert client.get(URL, {"q": "zater", "lang": "nl", "limit": odd}).status_code == 200


@pytest.mark.parametrize("odd", ODD_NUMBERS)
def test_non_ascii_suggestion_and_position_are_unknown_not_errors(client, corpus, odd):
    client.get(URL, {"q": "zater", "lang": "nl", "context": "ask"})
    for path in ("/confirm", "/posted"):
        response = client.post(URL + path, {"suggestion": odd, "position": odd, "key": "x"},
                               content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"] == "unknown_suggestion"


@pytest.mark.parametrize("body", [
    "[" * 50_000 + "]" * 50_000,
    '{"suggestion": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}",
    json.dumps({"suggestion": 1, "key": "x" * 100_000}),
])
def test_deep_or_huge_json_is_a_400(client, corpus, body):
    for path in ("/confirm", "/posted"):
        response = client.post(URL + path, body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_body"


def test_search_and_article_feedback_share_one_visitor_key(client, corpus):
    """Before, feedback's signed cookie and search's plain one had the same name: each
    replaced the other, so feedback was counted twice and confirmations were refused."""
    suggested = client.get(URL, {"q": "zaterdag", "lang": "nl", "context": "ask"}).json()
    client.post(f"/nl/feedback/{corpus.pk}/", {"helpful": "no", "next": corpus.url})
    client.get("/nl/zoeken/", {"q": "zaterdag"})
    client.post(f"/nl/feedback/{corpus.pk}/", {"helpful": "yes", "next": corpus.url})
    assert PageFeedback.objects.count() == 1 and PageFeedback.objects.get().helpful
    result = suggested["results"][0]
    response = client.post(URL + "/confirm", {"suggestion": suggested["suggestion"],
                                              "key": result["key"], "url": result["url"]},
                           content_type="application/json")
    assert response.status_code == 200 and Deflection.objects.count() == 1
