"""Wagtail 8's autosave creates a page as soon as the editor types a title. Starting the same
page again (the first tab left open or closed) must not fail on "slug already in use": the
background save would get HTTP 400 on every keystroke and the error would show only in the
other tab."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb.models import ArticlePage
from kb.services import EDITORS_GROUP, set_up_review_workflow
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # what the editor's background save sends


@pytest.fixture
def category(home_pages):
    set_up_review_workflow(pages=[home_pages])
    return factories.category(home_pages, title="Retourneren")


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return user


def form(title="Retour aanmelden", slug="retour-aanmelden"):
    body = streamfield([("rich_text", rich_text("<p>Meld je retour aan in je account.</p>"))])
    return nested_form_data({"title": title, "slug": slug, "body": body})


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["kb", "articlepage", parent.pk])


def test_autosave_creates_the_draft_page(client, category, editor):
    response = client.post(add_url(category), form(), **AUTOSAVE)
    assert response.status_code == 200 and response.json()["success"]
    page = ArticlePage.objects.get(pk=response.json()["pk"])
    assert not page.live and page.slug == "retour-aanmelden"


def test_creating_the_page_again_after_an_abandoned_autosave_works(client, category, editor):
    first = client.post(add_url(category), form(), **AUTOSAVE).json()

    again = client.post(add_url(category), form(), **AUTOSAVE)

    assert again.status_code == 200, again.content
    data = again.json()
    assert data["success"] and data["pk"] != first["pk"]
    assert ArticlePage.objects.get(pk=data["pk"]).slug == "retour-aanmelden-2"
    # The open editor learns the slug that was stored, so its next autosave is an edit.
    assert data["field_updates"]["slug"] == "retour-aanmelden-2"


def test_saving_the_page_again_in_the_browser_works_too(client, category, editor):
    client.post(add_url(category), form(), **AUTOSAVE)
    client.post(add_url(category), form(), **AUTOSAVE)

    response = client.post(add_url(category), form())

    assert response.status_code == 302
    assert ArticlePage.objects.filter(slug="retour-aanmelden-3").exists()


def test_an_existing_page_still_cannot_take_a_siblings_slug(client, category, editor):
    factories.article(category, title="Retour aanmelden", slug="retour-aanmelden")
    other = factories.article(category, title="Ruilen", slug="ruilen")
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])

    response = client.post(url, form(title="Ruilen", slug="retour-aanmelden"), **AUTOSAVE)

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.slug == "ruilen"
