"""What an article page shows, what it tells search engines, and what it costs."""

import re

import pytest
from wagtail.models import Locale

from kb.models import ArticlePage

from . import factories

pytestmark = pytest.mark.django_db


def long_body(image_ids: list[int], link_ids: list[int]) -> list[dict]:
    """A raw stream with every block type, several of each."""
    body = []
    for n, image_id in enumerate(image_ids, start=1):
        body += [
            {"type": "heading", "value": {"text": f"Stap {n}: voorbereiden", "level": "h2"}},
            {"type": "rich_text", "value": "<p>" + "Lees dit even goed door. " * 40 + "</p>"},
            {"type": "image", "value": {"image": image_id, "alt_text": "", "caption": f"Foto {n}"}},
            {
                "type": "callout",
                "value": {"kind": "warning", "title": "", "text": "<p>Let op.</p>"},
            },
            {
                "type": "steps",
                "value": {"title": "", "steps": [{"title": "Open de app", "text": "<p>Ja</p>"}]},
            },
            {
                "type": "table",
                "value": {
                    "data": [["Optie", "Kosten"], ["Thuis", "€ 3,95"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Kosten",
                },
            },
            {
                "type": "faq",
                "value": {"title": "", "items": [{"question": "Kan dat?", "answer": "<p>Ja</p>"}]},
            },
        ]
    links = [{"page": pk, "url": "", "text": ""} for pk in link_ids]
    body.append({"type": "related_links", "value": {"title": "", "links": links}})
    return body


@pytest.fixture
def category(home_pages):
    return factories.category(home_pages, title="Verzending")


@pytest.fixture
def article(category):
    products = [factories.product(), factories.product(name="Zephyr X", slug="zephyr", sku="Z")]
    siblings = [
        factories.article(category, title=f"Zustertje {n}", slug=f"zus-{n}") for n in range(3)
    ]
    for sibling in siblings:
        sibling.tags.add("bezorging")
        sibling.save_revision().publish()
    page = factories.article(
        category,
        title="Waar is mijn pakket?",
        intro="Volg je pakket met je track-en-tracecode.",
        body=long_body(
            [factories.image(f"Foto{n}").pk for n in range(3)], [s.pk for s in siblings]
        ),
    )
    page.tags.add("bezorging", "track-en-trace")
    page.products = products
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


class TestArticlePage:
    def test_shows_breadcrumbs_last_updated_and_reading_time(self, client, article):
        html = client.get(article.url).content.decode()
        assert 'class="kb-breadcrumbs"' in html
        assert 'href="/nl/verzending/"' in html
        assert "<time datetime=" in html
        assert article.reading_minutes == 3
        assert re.search(r"3 (minuten leestijd|minutes read)", html)

    def test_long_articles_get_a_table_of_contents_linking_to_heading_anchors(
        self, client, article
    ):
        html = client.get(article.url).content.decode()
        assert 'href="#stap-1-voorbereiden"' in html
        assert 'id="stap-1-voorbereiden"' in html

    def test_short_articles_have_no_table_of_contents(self, client, category):
        short = factories.article(category)
        assert 'class="kb-toc"' not in client.get(short.url).content.decode()

    def test_images_are_responsive_with_webp(self, client, article):
        html = client.get(article.url).content.decode()
        assert '<source sizes="' in html and 'type="image/webp"' in html
        assert ".width-800.webp" in html

    def test_lists_related_articles_and_linked_products(self, client, article):
        html = client.get(article.url).content.decode()
        assert "Zustertje 0" in html
        assert "Koffiezetapparaat Aroma 300" in html
        assert 'href="/nl/producten/aroma-300/"' in html or 'href="/nl/products/aroma-300/"' in html

    def test_related_articles_share_tags_or_products_and_stay_in_the_language(
        self, client, category, article
    ):
        unrelated = factories.article(category, title="Betalen met iDEAL", slug="ideal")
        by_product = factories.article(category, title="Ontkalken", slug="ontkalken")
        by_product.products = [article.products.first()]
        by_product.save_revision().publish()
        from kb.selectors import article_page_context

        related = article_page_context(article)["related_articles"]
        assert by_product.pk in {page.pk for page in related}
        assert unrelated.pk not in {page.pk for page in related}

    def test_meta_description_canonical_and_open_graph(self, client, article):
        html = client.get(article.url).content.decode()
        assert (
            '<meta name="description" content="Volg je pakket met je track-en-tracecode.">' in html
        )
        assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
        assert '<meta property="og:type" content="article">' in html
        assert '<meta property="og:title" content="Waar is mijn pakket?">' in html

    def test_links_to_its_english_translation_with_hreflang(self, client, article):
        english = Locale.objects.get(language_code="en")
        article.get_parent().specific.copy_for_translation(english).save_revision().publish()
        translation = article.copy_for_translation(english)
        translation.title, translation.slug = "Where is my parcel?", "where-is-my-parcel"
        translation.save_revision().publish()
        html = client.get(article.url).content.decode()
        assert 'hreflang="en"' in html and "where-is-my-parcel/" in html


def test_article_costs_a_fixed_number_of_queries(
    client, category, article, django_assert_num_queries
):
    """However many blocks, images, links, tags, products and related articles it has: the
    same as an article with one of each (three images, links and related articles above)."""
    product = factories.product(name="Vita", slug="vita", sku="V")
    product.image = factories.image("Vita")
    product.save()
    article.products.add(product)
    article.save_revision().publish()
    sibling = factories.article(category, title="Enig zusje", slug="enig-zusje")
    small = factories.article(
        category,
        title="Kort",
        slug="kort",
        body=long_body([factories.image("Klein").pk], [sibling.pk]),
    )
    small.tags.add("retour")
    small.products = [product]
    small.save_revision().publish()
    sibling.tags.add("retour")
    sibling.save_revision().publish()
    for page in (small, article):
        client.get(page.url)  # renditions are made on the first view
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(small.url).status_code == 200
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(article.url).status_code == 200


ARTICLE_QUERIES = 22  # 21, plus the "12 of 15 found this helpful" count
