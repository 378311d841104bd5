"""Every page type carries the strict Content-Security-Policy; the Wagtail admin gets its
wider policy only under /admin/."""

import pytest

from community import services
from tests.community.factories import ask
from tests.factories import UserFactory
from tests.kb import factories as kb_factories

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
}


def directives(header: str) -> dict[str, str]:
    parts = [p.strip().split(" ", 1) for p in header.split(";") if p.strip()]
    return {name: value for name, value in parts}


@pytest.fixture
def urls(home_pages, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    category = kb_factories.category(title="Retourneren", slug="retourneren")
    article = kb_factories.article(category, title="Je pakket retourneren", slug="retour")
    question = ask()
    member = UserFactory(username="lid")
    services.follow(user=member, question=question, on=False)
    return [
        "/nl/", "/en/", category.url, article.url, "/nl/vragen/", question.get_absolute_url(),
        "/nl/zoeken/?q=pakket", "/nl/accounts/login/", "/nl/leden/lid/", "/nl/badges/",
        "/nl/bestaat-niet/", "/api/v1/suggest?q=pakket&lang=nl",
    ]


def test_every_public_page_type_has_the_strict_policy(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = directives(response["Content-Security-Policy"])
        for name, value in STRICT.items():
            assert policy[name] == value, (url, name, policy.get(name))
        assert "unsafe" not in response["Content-Security-Policy"], url


def test_the_admin_gets_only_its_inline_widgets_and_blob_previews_more(admin_client):
    response = admin_client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self' 'unsafe-inline'" and policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["base-uri"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert "blob:" in policy["img-src"]
    assert policy["frame-ancestors"] == "'self'" and policy["form-action"] == "'self'"
