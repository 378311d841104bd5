"""Search submissions, refinements and clicks are logged once, without IP addresses."""

import json

import pytest
from django.urls import reverse

from search.models import SearchClick, SearchLog

from . import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(home_pages, index_now):
    cat = content.category(home_pages, "Betalen")
    content.article(cat, "Betalen met iDEAL", "Betaal direct met iDEAL.", tags=["ideal"])
    content.article(cat, "Achteraf betalen", "Betaal binnen 30 dagen.")
    index_now()


def search(client, **params):
    return client.get(reverse("search:search"), params, REMOTE_ADDR="198.51.100.7")


class TestSearchLog:
    def test_a_submission_is_logged_once_across_pages_and_facets(self, client, corpus):
        search(client, q="Betalen")
        search(client, q="betalen", page=2)
        search(client, q="betalen ", tag="ideal")
        [row] = SearchLog.objects.all()
        assert (row.query, row.language, row.result_count) == ("betalen", "nl", 2)
        assert row.took_ms >= 0

    def test_zero_results_are_logged_with_count_zero(self, client, corpus):
        search(client, q="xylofoon")
        assert SearchLog.objects.get().result_count == 0

    def test_no_ip_address_is_stored(self, client, corpus):
        search(client, q="betalen")
        assert "198.51.100.7" not in json.dumps(list(SearchLog.objects.values()), default=str)

    def test_visitors_are_told_apart_by_their_cookie(self, client, corpus):
        search(client, q="betalen")
        client.cookies.clear()
        search(client, q="betalen")
        assert SearchLog.objects.values("visitor").distinct().count() == 2

    def test_a_new_query_soon_after_one_without_clicks_is_a_refinement(self, client, corpus):
        search(client, q="ideal")
        search(client, q="ideal betalen")
        first, second = SearchLog.objects.order_by("created_at")
        assert second.refined_from == first

    def test_a_query_after_a_click_is_not_a_refinement(self, client, corpus):
        response = search(client, q="ideal")
        client.get(response.context["hits"][0]["href"])
        search(client, q="achteraf")
        assert SearchLog.objects.order_by("created_at").last().refined_from is None


class TestClicks:
    def test_a_click_records_its_position_and_redirects(self, client, corpus):
        response = search(client, q="betalen")
        row = response.context["hits"][1]
        redirect = client.get(row["href"])
        assert redirect.status_code == 302 and redirect.url == row["hit"].url
        click = SearchClick.objects.get()
        assert click.position == 2 and click.search.query == "betalen"

    def test_click_redirects_stay_on_the_site(self, client, corpus):
        response = search(client, q="betalen")
        log = response.context["search_log"]
        redirect = client.get(reverse("search:click"), {"s": log.pk, "p": 1,
                                                        "to": "//evil.example/x"})
        assert redirect.url == "/"
