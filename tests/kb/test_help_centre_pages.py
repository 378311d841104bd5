"""The help-centre home, category pages, product pages and the service promise."""

import pytest
from wagtail.models import Locale

from kb import selectors as kb_selectors
from kb.models import ServicePromisePage
from kb.selectors import categories, register_product_section

from . import factories
from .videos import video_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(home_pages):
    return factories.category(home_pages, title="Betalen", icon="card", intro="iDEAL en meer.")


class TestHomePage:
    def test_search_box_comes_first_then_categories_popular_and_recent(
        self, client, category
    ):
        factories.article(category, title="Betalen met iDEAL", featured=True)
        factories.article(category, title="Cadeaubon gebruiken")
        html = client.get("/nl/").content.decode()
        search = html.index('id="hero-search"')
        assert search < html.index("kb-category-card") < html.index('id="popular-title"')
        popular = html[html.index('id="popular-title"') : html.index('id="recent-title"')]
        assert "Betalen met iDEAL" in popular and "Cadeaubon gebruiken" not in popular
        recent = html[html.index('id="recent-title"') :]
        assert recent.index("Cadeaubon gebruiken") < recent.index("Betalen met iDEAL")

    def test_categories_show_their_icon(self, client, category):
        html = client.get("/nl/").content.decode()
        assert 'class="kb-icon"' in html and "iDEAL en meer." in html

    def test_costs_a_fixed_number_of_queries(
        self, client, category, django_assert_max_num_queries
    ):
        for n in range(8):
            factories.article(category, title=f"Artikel {n}", featured=True)
        client.get("/nl/")
        with django_assert_max_num_queries(20):
            client.get("/nl/")


class TestCategoryPage:
    def test_lists_subcategories_and_articles_with_breadcrumbs(self, client, category):
        sub = factories.category(category, title="Achteraf betalen")
        factories.article(category, title="Betalen met iDEAL", intro="Direct betalen.")
        html = client.get(category.url).content.decode()
        assert sub.title in html and "Betalen met iDEAL" in html and "Direct betalen." in html
        assert 'class="kb-breadcrumbs"' in client.get(sub.url).content.decode()

    def test_categories_selector_lists_live_categories_of_one_language(self, category):
        sub = factories.category(category, title="Achteraf betalen")
        assert list(categories("nl")) == [category, sub]
        assert list(categories("en")) == []


class TestProductPage:
    def test_lists_articles_and_videos_about_the_product(self, client, category):
        product = factories.product(
            category="Keukenapparatuur", shop_url="https://winkel.example.nl/p/kz-300"
        )
        article = factories.article(category, title="Ontkalken")
        article.products = [product]
        article.save_revision().publish()
        factories.article(category, title="Niet over koffie")
        video = video_page(category, title="Zo ontkalk je", slug="zo-ontkalk-je")
        video.products = [product]
        video.save_revision().publish()
        html = client.get(product.get_absolute_url()).content.decode()
        assert "Koffiezetapparaat Aroma 300" in html and "KZ-300" in html
        assert "Ontkalken" in html and "Zo ontkalk je" in html
        assert "Niet over koffie" not in html
        assert 'href="https://winkel.example.nl/p/kz-300"' in html

    def test_other_apps_add_sections_without_kb_importing_them(self, client, home_pages,
                                                              monkeypatch):
        # A registry copy for this test only: the stand-in provider must not outlive it.
        monkeypatch.setattr(kb_selectors, "_product_section_providers",
                            list(kb_selectors._product_section_providers))
        product = factories.product()

        class Question:
            title = "Lekt mijn Aroma 300?"

            def get_absolute_url(self):
                return "/nl/vragen/1/"

        def questions(about):
            return ("questions", [Question()] if about == product else [])

        register_product_section(questions)
        html = client.get(product.get_absolute_url()).content.decode()
        assert "Lekt mijn Aroma 300?" in html and 'href="/nl/vragen/1/"' in html

    def test_unknown_product_is_not_found(self, client, home_pages):
        assert client.get("/nl/producten/bestaat-niet/").status_code == 404

    def test_product_of_one_language_is_found_only_under_that_language(self, client, home_pages):
        product = factories.product()
        english = product.copy_for_translation(Locale.objects.get(language_code="en"))
        english.name = "Aroma 300 coffee maker"
        english.save()
        assert english.get_absolute_url().startswith("/en/")
        assert "Aroma 300 coffee maker" in client.get(english.get_absolute_url()).content.decode()


def test_articles_embed_product_videos_with_a_link_to_the_video_page(client, category):
    video = video_page(category, title="Zo ontkalk je", slug="zo-ontkalk-je")
    article = factories.article(
        category,
        title="Ontkalken",
        body=[{"type": "video", "value": {"video": video.pk, "caption": "Kijk mee"}}],
    )
    html = client.get(article.url).content.decode()
    assert '<figure class="kb-video-block">' in html and "<video controls" in html
    assert "ontkalken.mp4" in html and f'href="{video.url}"' in html


class TestServicePromise:
    @pytest.fixture
    def promise(self, home_pages):
        page = ServicePromisePage(
            title="Onze servicebelofte",
            slug="onze-servicebelofte",
            brand_statement="Eerlijk, snel en met een glimlach.",
            value_proposition="<p>Morgen in huis.</p>",
            service_ambition="<p>Binnen een minuut je antwoord.</p>",
        )
        home_pages.add_child(instance=page)
        return factories.publish(page)

    def test_the_footer_links_to_the_service_promise_page(self, client, promise):
        html = client.get("/nl/").content.decode()
        assert 'href="/nl/servicebelofte/"' in html or 'href="/nl/service-promise/"' in html
        from django.urls import reverse

        response = client.get(reverse("kb:service_promise"))
        assert response.status_code == 302 and response["Location"] == promise.url

    def test_shows_brand_statement_value_proposition_and_ambition(self, client, promise):
        html = client.get(promise.url).content.decode()
        assert "Eerlijk, snel en met een glimlach." in html
        assert "Morgen in huis." in html and "Binnen een minuut je antwoord." in html
