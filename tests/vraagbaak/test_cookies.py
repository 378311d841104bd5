"""Cookies: the visitor cookie is Secure in production, the language cookie SameSite=Lax."""

import pytest

from .test_settings import production_env, run_manage

pytestmark = pytest.mark.django_db


def test_the_visitor_cookie_is_secure_when_the_setting_says_so(client, settings):
    settings.VISITOR_COOKIE_SECURE = True
    response = client.get("/nl/zoeken/", {"q": "pakket"})
    cookie = response.cookies["vb_visitor"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_visitor_cookie_is_signed(client):
    response = client.get("/nl/zoeken/", {"q": "pakket"})
    assert ":" in response.cookies["vb_visitor"].value


def test_the_language_cookie_is_same_site_lax(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.cookies["vraagbaak_language"]["samesite"] == "Lax"


def test_production_makes_the_visitor_and_language_cookies_secure():
    code = (
        "from django.conf import settings as s; "
        "print(s.VISITOR_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_SAMESITE)"
    )
    result = run_manage("shell", "-c", code, **production_env())
    assert result.stdout.split()[-3:] == ["True", "True", "Lax"], result.stderr
