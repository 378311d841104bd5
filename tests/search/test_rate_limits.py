"""Searching has a limit too (gamification.rates): past it the page says when to retry."""

import pytest
from django.test import RequestFactory

from gamification import rates
from search import visitors

pytestmark = pytest.mark.django_db


def test_searching_too_often_shows_the_message_with_a_429(client):
    assert client.get("/nl/zoeken/", {"q": "pakket"}).status_code == 200
    key = visitors.client_fingerprint(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1"))
    with pytest.raises(rates.RateLimited):
        for _ in range(rates.rate_for(rates.SEARCH, 0).per_minute):
            rates.check_rate(key, rates.SEARCH)
    response = client.get("/nl/zoeken/", {"q": "pakket"})
    assert response.status_code == 429
    assert "opnieuw" in response.content.decode()
