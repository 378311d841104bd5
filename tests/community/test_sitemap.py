"""Public questions are in /sitemap.xml beside Wagtail's pages; hidden ones are not."""

import pytest

from community import services

from .factories import ask, moderator

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_questions_and_pages(client, home_pages):
    public = ask(title="Hoe lang duurt de levering naar België?")
    deleted = ask(title="Deze vraag is verwijderd door een moderator")
    services.delete_post(post=deleted, by=moderator())
    text = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{public.get_absolute_url()}" in text
    assert deleted.get_absolute_url() not in text
    assert "http://testserver/nl/</loc>" in text or "/nl/</loc>" in text
