"""The page editor of an article costs a fixed number of queries however many products, image
blocks, tags and related links it has, and lists only products of the page's language (it
listed every language's). What is left is Wagtail's own (revisions, workflow, comments,
editing sessions, the explorer menu) plus the admin menu's community counts."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from . import factories
from .test_article_page import long_body

pytestmark = pytest.mark.django_db

# Was 48: the products' checkboxes were queried for the panel and again for its client-side
# copy, each tag and each linked page cost a query or two, and the review count took three.
EDITOR_QUERIES = 44


def article_with(category, n: int, slug: str):
    images = [factories.image(f"Foto {slug} {i}").pk for i in range(n)]
    siblings = [factories.article(category, title=f"Zusje {slug} {i}", slug=f"zusje-{slug}-{i}")
                for i in range(n)]
    page = factories.article(category, title=f"Artikel {slug}", slug=slug,
                             body=long_body(images, [sibling.pk for sibling in siblings]))
    page.tags.add(*[f"tag-{slug}-{i}" for i in range(n)])
    page.products.set([factories.product(name=f"P {slug} {i}", slug=f"p-{slug}-{i}",
                                         sku=f"{slug}-{i}") for i in range(n)])
    page.save_revision().publish()
    return page


def edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response


def test_the_editor_costs_the_same_for_one_or_six_images_products_tags_and_links(
    client, home_pages, django_assert_num_queries
):
    category = factories.category(title="Verzending")
    small, large = article_with(category, 1, "klein"), article_with(category, 6, "groot")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    edit(client, small), edit(client, large)  # renditions for the choosers are made once
    with django_assert_num_queries(EDITOR_QUERIES):
        edit(client, small)
    with django_assert_num_queries(EDITOR_QUERIES):
        edit(client, large)


def test_the_products_field_lists_only_the_pages_language(client, home_pages):
    from wagtail.models import Locale

    category = factories.category(title="Verzending")
    page = article_with(category, 1, "taal")
    english = factories.product(name="Kettle", slug="kettle", sku="K-1",
                                locale=Locale.objects.get(language_code="en"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = edit(client, page).content.decode()
    assert "P taal 0" in html and f'value="{english.pk}"' not in html
