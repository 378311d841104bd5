"""The shared layout: bilingual, accessible, with friendly error pages."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_dutch_site_by_default(client, home_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_dutch_home_page(client, home_pages):
    response = client.get("/nl/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Waarmee kunnen we je helpen?" in html
    assert "Overslaan en naar de inhoud" in html


def test_english_home_page(client, home_pages):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "How can we help you?" in html
    assert "Customer service" in html


def test_language_switcher_links_to_the_translation_of_the_page(client, home_pages):
    html = client.get("/nl/").content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html


def test_language_switcher_keeps_the_view_on_other_pages(client, home_pages):
    with translation.override("nl"):
        contact_nl = reverse("support:contact")
    with translation.override("en"):
        contact_en = reverse("support:contact")
    html = client.get(contact_nl).content.decode()
    assert f'href="{contact_en}"' in html


def test_layout_has_landmarks_search_and_skip_link(client, home_pages):
    html = client.get("/en/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html
    assert '<label class="visually-hidden" for="site-search">' in html
    assert 'aria-label="Main"' in html
    assert "<footer" in html


def test_anonymous_visitors_see_log_in_and_sign_up(client, home_pages):
    html = client.get("/en/").content.decode()
    assert "Log in" in html and "Sign up" in html


def test_not_found_page_is_friendly_in_dutch(client, home_pages):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in response.content.decode()


def test_not_found_page_is_friendly_in_english(client, home_pages):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "We cannot find this page" in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    from django.template.loader import get_template

    with translation.override("nl"):
        html = get_template("500.html").render()
    assert "Er ging iets mis bij ons" in html


def test_permission_denied_page_is_friendly(client, home_pages):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/nl/")
    with translation.override("nl"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Je kunt deze pagina niet openen" in response.content.decode()


def test_search_page_shows_an_empty_state_with_ways_forward(client, home_pages):
    with translation.override("en"):
        url = reverse("search:search")
        contact = reverse("support:contact")
    response = client.get(url, {"q": "zzzzqqq"})
    html = response.content.decode()
    assert "Nothing found for “zzzzqqq”." in html
    assert f'href="{contact}"' in html
