"""The shop's brand and legal basics: name, logo and colour edited in the Wagtail admin
appear on the site and in the back office; the colour arrives through /brand.css (the CSP
allows no style attributes); the footer carries the company details and links to the privacy
statement and cookie information in both languages."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Site

from tests.factories import PASSWORD, UserFactory
from vraagbaak import branding
from vraagbaak.demo import draw_logo, seed_brand
from vraagbaak.models import BrandSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_pages):
    UserFactory(username="eigenaar", is_staff=True, is_superuser=True)
    client.login(username="eigenaar", password=PASSWORD)
    return client


def logo_image(title="Logo Kookwinkel") -> Image:
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(draw_logo("#7a2e8c")),
                                                            name="kookwinkel.png"))


def edit_brand(client, **fields):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["vraagbaak", "brandsettings", site.pk])
    data = {"shop_name": "Vraagbaak", "primary_colour": "#0b6e4f", "logo": "", "legal_name": "",
            "address": "", "chamber_of_commerce": "", "vat_number": ""} | fields
    return client.post(url, data)


class TestSettingsInTheAdmin:
    def test_name_logo_and_colour_edited_in_the_admin_appear_on_the_site(self, admin_client,
                                                                          client):
        logo = logo_image()
        response = edit_brand(admin_client, shop_name="Kookwinkel", primary_colour="#7a2e8c",
                              logo=logo.pk, legal_name="Kookwinkel B.V.")
        assert response.status_code == 302
        admin_client.logout()

        home = client.get("/nl/").content.decode()
        assert "<title>" in home and "· Kookwinkel</title>" in home
        assert '<span>Kookwinkel</span>' in home
        rendition = logo.get_rendition("fill-64x64").url
        assert rendition in home
        css_link = re.search(r'href="(/brand\.css\?v=\w+)"', home).group(1)
        css = client.get(css_link)
        assert css["Content-Type"].startswith("text/css")
        assert "--brand: #7a2e8c;" in css.content.decode()
        assert "Kookwinkel B.V." in home

    def test_a_new_colour_is_a_new_stylesheet_url(self, admin_client, client):
        before = re.search(r"/brand\.css\?v=\w+", client.get("/nl/").content.decode()).group(0)
        edit_brand(admin_client, primary_colour="#123456")
        after = re.search(r"/brand\.css\?v=\w+", client.get("/nl/").content.decode()).group(0)
        assert before != after
        assert "--brand: #123456;" in client.get(after).content.decode()

    def test_a_colour_that_is_not_hex_is_refused_with_a_message(self, admin_client):
        response = edit_brand(admin_client, shop_name="Kookwinkel", primary_colour="paars")
        assert response.status_code == 200
        body = response.content.decode()
        assert "zes hexadecimale tekens" in body or "six hexadecimal digits" in body
        assert 'value="Kookwinkel"' in body
        assert BrandSettings.for_site(Site.objects.get(is_default_site=True)).shop_name != (
            "Kookwinkel")

    def test_the_back_office_carries_the_shop_name_and_logo(self, admin_client):
        logo = logo_image()
        edit_brand(admin_client, shop_name="Kookwinkel", logo=logo.pk)
        dashboard = admin_client.get("/admin/").content.decode()
        rendition = logo.get_rendition("fill-64x64").url
        assert "Kookwinkel</title>" in dashboard
        assert f'<template data-wagtail-sidebar-branding-logo><img src="{rendition}"' in dashboard
        admin_client.logout()
        login = admin_client.get("/admin/login/").content.decode()
        assert "Kookwinkel" in login and rendition in login


class TestBrandValues:
    def test_the_layout_reads_the_brand_from_the_cache(self, rf, home_pages,
                                                       django_assert_num_queries):
        request = rf.get("/nl/")
        branding.brand_for(request)
        with django_assert_num_queries(0):
            assert branding.brand_for(request)["name"] == "Vraagbaak"

    def test_no_style_attribute_carries_the_colour(self, client, home_pages):
        body = client.get("/nl/").content.decode()
        assert "style=" not in body
        assert "#0b6e4f" not in body

    def test_the_demo_brand_has_a_generated_logo(self, home_pages):
        seed_brand()
        brand = BrandSettings.for_site(Site.objects.get(is_default_site=True))
        assert brand.logo is not None and brand.legal_name == "Vraagbaak B.V."
        with brand.logo.open_file() as file, PillowImage.open(file) as picture:
            assert picture.format == "PNG" and picture.size == (256, 256)
        seed_brand()  # running the seed again keeps what is there
        assert Image.objects.filter(title="Vraagbaak logo").count() == 1


class TestFooterAndLegalPages:
    @pytest.mark.parametrize(("language", "privacy", "cookies", "heading"), [
        ("nl", "/nl/privacy/", "/nl/cookies/", "Privacyverklaring"),
        ("en", "/en/privacy/", "/en/cookies/", "Privacy statement"),
    ])
    def test_footer_links_to_the_legal_pages_in_each_language(self, client, home_pages, language,
                                                              privacy, cookies, heading):
        home = client.get(f"/{language}/").content.decode()
        footer = home[home.index('<footer class="site-footer">'):]
        assert f'href="{privacy}"' in footer and f'href="{cookies}"' in footer
        page = client.get(privacy)
        assert page.status_code == 200
        assert f"<h1>{heading}</h1>" in page.content.decode()
        assert client.get(cookies).status_code == 200

    def test_footer_shows_the_company_and_contact_details(self, client, admin_client):
        edit_brand(admin_client, legal_name="Kookwinkel B.V.", address="Dorpsstraat 1, Utrecht",
                   chamber_of_commerce="87654321", vat_number="NL009876543B01")
        admin_client.logout()
        with translation.override("nl"):
            footer = client.get("/nl/").content.decode().split('class="site-footer"')[1]
        for text in ("Kookwinkel B.V.", "Dorpsstraat 1, Utrecht", "KvK 87654321",
                     "btw NL009876543B01", "klantenservice@example.nl",
                     "Maandag tot en met vrijdag"):
            assert text in footer

    def test_the_cookie_page_explains_the_visitor_cookie_set_on_the_first_search(self, client,
                                                                                 home_pages):
        response = client.get(reverse("search:search"), {"q": "retour"})
        cookie = response.cookies["vb_visitor"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        text = client.get("/nl/cookies/").content.decode()
        assert '<tr id="vb_visitor"><td><code>vb_visitor</code></td>' in text
        assert "alleen functionele cookies" in text
        assert "1 jaar" in text
