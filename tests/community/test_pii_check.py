"""The ask form's check while typing: the same detector and the same notice as posting, for
members only, with a rate limit and bounded input."""

import json

import pytest
from django.core.cache import cache

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/nl/community/pii-check/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _check(client, **data):
    return client.post(URL, json.dumps(data), content_type="application/json")


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_draft_with_an_order_number_and_an_iban_gets_the_servers_notice(client, member):
    response = _check(client, title="Bestelling VB-2026-123456 kwijt",
                      body="Terugstorten op NL91 ABNA 0417 1643 00 graag.")
    data = response.json()
    assert response.status_code == 200 and data["found"] is True
    assert "VB-****-****56" in data["html"] and "NL** **** **** **** 00" in data["html"]
    assert "VB-2026-123456" not in data["html"] and "0417" not in data["html"]
    assert 'formaction="/nl/contact/prive-vraag/"' in data["html"]
    assert 'role="alert"' not in data["html"]  # the page's live region announces it politely


def test_the_notice_is_in_the_pages_language(client, member):
    response = client.post("/en/community/pii-check/",
                           json.dumps({"title": "order 12345678 missing", "body": ""}),
                           content_type="application/json")
    assert "This seems to be about your own order or account." in response.json()["html"]
    assert 'formaction="/en/contact/private-question/"' in response.json()["html"]


def test_a_harmless_draft_finds_nothing(client, member):
    data = _check(client, title="Past maat EU 42 ook bij smalle voeten?",
                  body="De schoen kost €89,95 en ik bestelde hem op 12-03-2024.").json()
    assert data == {"found": False, "html": ""}


def test_visitors_who_are_not_logged_in_are_refused(client):
    response = _check(client, title="Bestelling 12345678", body="")
    assert response.status_code == 403 and response.json()["error"] == "login_required"


def test_too_many_checks_a_minute_are_refused(client, member, settings):
    settings.COMMUNITY_PII_CHECK_RATE = 3
    statuses = [_check(client, title="Bestelling 12345678", body="").status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_bad_or_oversized_input_is_a_400(client, member):
    assert client.post(URL, "not json", content_type="application/json").status_code == 400
    huge = json.dumps({"title": "x", "body": "a" * 70_000})
    assert client.post(URL, huge, content_type="application/json").status_code == 400


def test_only_post(client, member):
    assert client.get(URL).status_code == 405
