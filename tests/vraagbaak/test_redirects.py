"""Redirect safety: one helper (vraagbaak.http.safe_next) behind every `next` and `to`, and a
table of classic tricks through every handler that none of them follows off the site."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import RequestFactory

from community import services
from kb.models import Announcement
from tests.community.factories import ask
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb_factories
from vraagbaak.http import safe_next

pytestmark = pytest.mark.django_db

TRICKS = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:///evil.example",
    "http://evil.example",
    "https://evil.example/nl/",
    "HTTPS://EVIL.EXAMPLE",
    "ftp://evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/%09/evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "//evil.example@testserver",
    "http://testserver@evil.example",
    "http://evil.example\\@testserver",
    "https://evil.example%23.testserver/",
    "//evil。example",
    "//ⓔvil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example:443/nl/",
    "\x00//evil.example",
]


def lands_on_this_site(location: str) -> bool:
    """Where a browser would go: it treats backslashes as slashes and drops tabs/newlines."""
    normalised = re.sub(r"[\t\r\n]", "", location).replace("\\", "/")
    target = urlsplit(urljoin("http://testserver/nl/pagina/", normalised))
    return target.scheme in ("http", "https") and target.netloc == "testserver"


def test_there_are_at_least_29_tricks():
    assert len(set(TRICKS)) >= 29


@pytest.mark.parametrize("trick", TRICKS)
def test_safe_next_refuses_every_trick(trick):
    request = RequestFactory().get("/")
    assert lands_on_this_site(safe_next(request, trick, "/fallback/"))


def test_safe_next_keeps_a_local_path():
    request = RequestFactory().get("/")
    assert safe_next(request, "/nl/vragen/?sort=active#top", "/") == "/nl/vragen/?sort=active#top"
    assert safe_next(request, "http://testserver/nl/", "/") == "http://testserver/nl/"


@pytest.fixture
def handlers(client, home_pages, settings):
    """Every handler that follows a `next` or `to`: name -> call(trick) -> response."""
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    member = UserFactory()
    question = ask()
    category = kb_factories.category(title="Retourneren", slug="retourneren")
    article = kb_factories.article(category, title="Je pakket retourneren", slug="retour")
    from wagtail.models import Locale

    banner = Announcement.objects.create(
        title="Storing", message="<p>Storing</p>", locale=Locale.objects.get(language_code="nl")
    )
    logged_in = client.__class__()
    assert logged_in.login(username=member.username, password=PASSWORD)
    services.follow(user=member, question=question, on=False)
    return {
        "vote": lambda t: logged_in.post(f"/nl/community/question/{question.pk}/vote/",
                                         {"value": "up", "next": t}),
        "comment": lambda t: logged_in.post(f"/nl/community/question/{question.pk}/comment/",
                                            {"body": "x", "next": t}),
        "follow_key": lambda t: logged_in.post("/nl/vragen/volgen/",
                                               {"target": "tag", "key": "levering", "next": t}),
        "awards_seen": lambda t: logged_in.post("/nl/badges/gezien/", {"next": t}),
        "feedback": lambda t: client.post(f"/nl/feedback/{article.pk}/",
                                          {"helpful": "yes", "next": t}),
        "dismiss": lambda t: client.post(f"/nl/mededelingen/{banner.pk}/verbergen/",
                                         {"next": t}),
        "search_click": lambda t: client.get("/nl/zoeken/klik/", {"s": "1", "p": "1", "to": t}),
        "suggest_go": lambda t: client.get("/api/v1/suggest/go", {"s": "1", "p": "1", "to": t}),
        # A fresh address per trick: allauth limits logins per address.
        "login": lambda t: client.__class__(REMOTE_ADDR=f"192.0.2.{TRICKS.index(t)}").post(
            f"/nl/accounts/login/?next={t}", {"login": member.email, "password": PASSWORD}
        ),
    }


def test_no_handler_follows_any_trick_off_the_site(handlers):
    escaped = []
    for name, call in handlers.items():
        for trick in TRICKS:
            response = call(trick)
            assert response.status_code in (302, 303), (name, trick, response.status_code)
            if not lands_on_this_site(response["Location"]):
                escaped.append((name, trick, response["Location"]))
    assert escaped == []


def test_the_404_language_switcher_never_links_to_another_site(client, home_pages):
    response = client.get("/x", PATH_INFO="//evil.example/nl/geen-pagina/")
    assert response.status_code == 404
    links = re.findall(r'href="([^"]*)"', response.content.decode())
    # The footer's customer-service address opens the mail program, not another site.
    links = [link for link in links if not link.startswith("mailto:")]
    assert links and all(lands_on_this_site(link) for link in links)
    assert not any(link.startswith("//") for link in links)
