"""Autosave creates a page as soon as an editor types a title. The daily cleanup deletes such
pages once nobody has touched them for a week, but only when they hold nothing beyond that
title and were never published or submitted: everything else an editor may still want."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb import tasks
from kb.models import ArticlePage
from kb.services import EDITORS_GROUP, delete_abandoned_autosave_drafts, set_up_review_workflow
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


def form(title="Retour aanmelden", text=None, **extra):
    blocks = [("rich_text", rich_text(f"<p>{text}</p>"))] if text else []
    return nested_form_data({"title": title, "slug": "retour-aanmelden",
                             "body": streamfield(blocks), **extra})


def autosaved(client, category, **form_fields) -> ArticlePage:
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", category.pk])
    response = client.post(url, form(**form_fields), **AUTOSAVE)
    assert response.json()["success"], response.content
    return ArticlePage.objects.get(pk=response.json()["pk"])


def last_touched(page, days_ago: int) -> None:
    moment = timezone.now() - timedelta(days=days_ago)
    Revision.objects.filter(object_id=str(page.pk)).update(created_at=moment)
    Page.objects.filter(pk=page.pk).update(latest_revision_created_at=moment)


def exists(page) -> bool:
    return Page.objects.filter(pk=page.pk).exists()


def test_a_title_only_autosave_untouched_for_a_week_is_deleted(client, category, editor):
    page = autosaved(client, category)
    last_touched(page, days_ago=8)

    assert delete_abandoned_autosave_drafts() == 1

    assert not exists(page)
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete").exists()


def test_the_daily_schedule_runs_the_cleanup(client, category, editor):
    jobs = {name: (every, job) for name, every, job in tasks.SCHEDULE}
    every, job = jobs["delete_abandoned_autosaves"]
    assert every == 24 * 60 * 60
    page = autosaved(client, category)
    last_touched(page, days_ago=8)
    job()
    assert not exists(page)


def test_a_draft_touched_this_week_is_kept(client, category, editor):
    page = autosaved(client, category)
    last_touched(page, days_ago=6)
    assert delete_abandoned_autosave_drafts() == 0
    assert exists(page)


def test_a_draft_with_any_text_is_kept(client, category, editor):
    with_body = autosaved(client, category, text="Meld je retour aan in je account.")
    with_intro = autosaved(client, category, title="Ruilen", intro="Zo ruil je een maat.")
    for page in (with_body, with_intro):
        last_touched(page, days_ago=30)
    assert delete_abandoned_autosave_drafts() == 0
    assert exists(with_body) and exists(with_intro)


def test_a_page_saved_on_purpose_is_kept(client, category, editor):
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", category.pk])
    client.post(url, form())  # "Save draft" in the browser asks for HTML, not JSON
    page = ArticlePage.objects.get(slug="retour-aanmelden")
    last_touched(page, days_ago=30)
    assert delete_abandoned_autosave_drafts() == 0
    assert exists(page)


def test_a_submitted_or_once_published_page_is_kept(client, category, editor):
    submitted = autosaved(client, category)
    submitted.get_workflow().start(submitted, editor)
    published = autosaved(client, category, title="Retour kwijt")
    published.save_revision(user=editor).publish()
    published.refresh_from_db()
    published.unpublish()
    for page in (submitted, published):
        last_touched(page, days_ago=30)
    assert delete_abandoned_autosave_drafts() == 0
    assert exists(submitted) and exists(published)
