"""Behind a proxy: every IP-based limit keys on vraagbaak.http.client_ip, which trusts
X-Forwarded-For only from TRUSTED_PROXIES (or TRUSTED_PROXY_COUNT hops)."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from search import visitors
from vraagbaak.http import client_ip

PROXY = "10.0.0.5"


def request_from(peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_the_setting_the_peer_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = [], 0
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_trusted_proxy_passes_on_the_client_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"


def test_a_spoofed_entry_left_of_the_real_one_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended what it saw.
    assert client_ip(request_from(PROXY, "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_a_spoofed_header_from_an_untrusted_peer_changes_nothing(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("203.0.113.7", "10.0.0.9, 1.2.3.4")) == "203.0.113.7"


def test_a_proxy_count_takes_that_many_hops_from_the_right(settings):
    settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_COUNT = [], 2
    assert client_ip(request_from(PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.4")) == "198.51.100.1"


@pytest.mark.django_db
def test_allauth_login_limits_and_our_limits_use_the_same_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = request_from(PROXY, "198.51.100.1")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.1"
    other = request_from(PROXY, "198.51.100.2")
    assert visitors.client_fingerprint(request) != visitors.client_fingerprint(other)


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_their_own_suggest_limit(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SEARCH_SUGGEST_RATE = 2
    get = lambda ip: client.get(  # noqa: E731
        "/api/v1/suggest", {"q": "", "lang": "nl"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ip
    ).status_code
    assert [get("198.51.100.1") for _ in range(3)] == [400, 400, 429]
    assert get("198.51.100.2") == 400
    # Without the setting they all share the proxy's address, hence one limit.
    settings.TRUSTED_PROXIES = []
    assert [get(f"198.51.100.{n}") for n in (3, 4, 5)] == [400, 400, 429]
