"""Template fragments shared by every visitor, logged in or not (vraagbaak.templatetags.
fragment_tags): a write the services know re-keys them, a Wagtail preview never reads or keeps
them, and nothing of the viewer is inside."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_pages):
    delivery = kb.category(title="Verzending en levering", slug="verzending")
    parcel = kb.article(
        delivery,
        title="Waar blijft mijn pakket",
        slug="pakket",
        body=[("rich_text", "<p>Volg je pakket met de track-and-trace.</p>")],
    )
    faq = kb.faq_page(delivery, questions=[("Bezorgen jullie op zondag?", "<p>Nee.</p>")])
    return {"home": home_pages, "delivery": delivery, "article": parcel, "faq": faq}


def member(name: str):
    user = UserFactory(display_name=name)
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def stored_fragments() -> list[str]:
    # LocMemCache (the test settings) keeps its keys in `_cache`; Django names the keys.
    return [cache.get(k.split(":", 2)[2]) for k in list(cache._cache) if "template.cache." in k]


class TestPublishingReKeysTheFragments:
    def test_a_new_revision_of_an_article_shows_to_members_at_once(self, tree):
        reader = member("Lezer Een")
        assert "track-and-trace" in text(reader, tree["article"].url)
        page = tree["article"]
        page.body = [("rich_text", "<p>Bel de vervoerder na zeven werkdagen.</p>")]
        kb.publish(page)
        fresh = text(reader, page.url)
        assert "zeven werkdagen" in fresh and "track-and-trace" not in fresh

    def test_a_new_article_shows_in_its_category_and_on_the_home_page(self, tree):
        reader = member("Lezer Een")
        text(reader, tree["delivery"].url), text(reader, tree["home"].url)
        kb.article(tree["delivery"], title="Bezorging op zaterdag", slug="zaterdag", featured=True)
        assert "Bezorging op zaterdag" in text(reader, tree["delivery"].url)
        assert "Bezorging op zaterdag" in text(reader, tree["home"].url)

    def test_an_unpublished_article_leaves_its_category(self, tree):
        reader = member("Lezer Een")
        assert "Waar blijft mijn pakket" in text(reader, tree["delivery"].url)
        tree["article"].unpublish()
        assert "Waar blijft mijn pakket" not in text(reader, tree["delivery"].url)

    def test_a_changed_faq_shows_at_once(self, tree):
        reader = member("Lezer Een")
        assert "Bezorgen jullie op zondag?" in text(reader, tree["faq"].url)
        page = tree["faq"]
        page.body = [
            ("question", {"question": "Bezorgen jullie ook 's avonds?", "answer": "<p>Ja.</p>"})
        ]
        kb.publish(page)
        assert "ook &#x27;s avonds" in text(reader, page.url) or "ook 's avonds" in text(
            reader, page.url
        )


class TestNothingPersonalIsShared:
    def test_two_members_each_see_only_their_own_name(self, tree):
        anna, bram = member("Anna Eerste"), member("Bram Tweede")
        for url in (tree["home"].url, tree["delivery"].url, tree["article"].url, tree["faq"].url):
            mine, theirs = text(anna, url), text(bram, url)
            assert "Anna Eerste" in mine and "Bram Tweede" not in mine
            assert "Bram Tweede" in theirs and "Anna Eerste" not in theirs
        fragments = stored_fragments()
        assert fragments, "the pages stored their shared fragments"
        for html in fragments:
            assert "Anna Eerste" not in html and "Bram Tweede" not in html
            assert "csrfmiddlewaretoken" not in html

    def test_the_logged_out_page_shares_the_fragment_with_members(self, tree):
        text(Client(), tree["article"].url)
        count = len(stored_fragments())
        text(member("Lezer Een"), tree["article"].url)
        assert len(stored_fragments()) == count


class TestPreviews:
    def test_a_draft_preview_neither_reads_nor_replaces_the_live_fragment(self, tree):
        admin = UserFactory(is_superuser=True, is_staff=True)
        editor = Client()
        assert editor.login(username=admin.username, password=PASSWORD)
        reader = Client()
        page = tree["article"]
        assert "track-and-trace" in text(reader, page.url)
        page.body = [("rich_text", "<p>Concept: nog niet publiceren.</p>")]
        page.save_revision()
        preview = text(editor, f"/admin/pages/{page.pk}/revisions/{page.latest_revision_id}/view/")
        assert "Concept: nog niet publiceren." in preview
        live = text(reader, page.url)
        assert "track-and-trace" in live and "Concept" not in live
