"""Search engines find both languages: sitemap.xml with alternates, canonical links,
hreflang, clean slugs."""

import re

import pytest
from wagtail.models import Locale

from kb.models import ArticlePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_article(home_pages):
    english = Locale.objects.get(language_code="en")
    category = factories.category(home_pages, title="Betalen")
    category_en = category.copy_for_translation(english)
    category_en.title, category_en.slug = "Payment", "payment"
    category_en.save_revision().publish()
    article = factories.article(category, title="Betalen met iDEAL")
    translation = article.copy_for_translation(english)
    translation.title, translation.slug = "Paying with iDEAL", "paying-with-ideal"
    translation.save_revision().publish()
    return article


def test_sitemap_lists_pages_in_both_languages_with_alternates(client, translated_article):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert "http://localhost/nl/betalen/betalen-met-ideal/" in locations
    assert "http://localhost/en/payment/paying-with-ideal/" in locations
    assert "http://localhost/en/" in locations
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="http://localhost/en/payment/paying-with-ideal/"/>'
    ) in xml


def test_sitemap_leaves_out_drafts(client, translated_article):
    draft = factories.article(translated_article.get_parent(), title="Concept", live=False)
    assert draft.slug not in client.get("/sitemap.xml").content.decode()


def test_each_language_has_its_own_clean_url_canonical_and_hreflang(client, translated_article):
    english = ArticlePage.objects.get(slug="paying-with-ideal")
    assert english.url == "/en/payment/paying-with-ideal/"
    html = client.get(english.url).content.decode()
    assert '<link rel="canonical" href="http://localhost/en/payment/paying-with-ideal/">' in html
    assert (
        '<link rel="alternate" hreflang="nl" '
        'href="http://testserver/nl/betalen/betalen-met-ideal/">'
    ) in html
    assert '<meta property="og:locale" content="en_GB">' in html
