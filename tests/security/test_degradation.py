"""A deleted or damaged Whoosh index: the search page and the suggestion API say search is
temporarily unavailable (503), never a 500, until `rebuild_search_index` has run."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from search.indexing import drain
from tests.community.factories import ask

pytestmark = pytest.mark.django_db

UNAVAILABLE = "zoeken is tijdelijk niet beschikbaar"


def current_index() -> Path:
    return (Path(settings.SEARCH["OPTIONS"]["path"]) / "current").resolve()


def damage(how: str) -> None:
    folder = current_index()
    if how == "deleted":
        shutil.rmtree(folder)
    else:
        for path in folder.iterdir():
            path.write_bytes(b"\x00not an index\xff" * 100)


@pytest.mark.parametrize("how", ["deleted", "corrupt"])
def test_broken_index_says_search_is_unavailable_until_rebuilt(home_pages, settings, how):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    ask(title="Waar blijft mijn pakket met de wasmachine?")
    drain(blocking=True)
    client = Client(raise_request_exception=False)
    assert client.get("/nl/zoeken/", {"q": "wasmachine"}).status_code == 200
    damage(how)
    # A query the result cache has not seen, so the damaged files themselves are read.
    page = client.get("/nl/zoeken/", {"q": "pakket"})
    assert page.status_code == 503 and UNAVAILABLE in page.content.decode().lower()
    api = client.get("/api/v1/suggest", {"q": "pakket", "lang": "nl"})
    assert api.status_code == 503 and api.json()["error"] == "search_unavailable"
    call_command("rebuild_search_index", verbosity=0)
    page = client.get("/nl/zoeken/", {"q": "wasmachine"})
    assert page.status_code == 200 and UNAVAILABLE not in page.content.decode().lower()
