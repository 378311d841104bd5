"""Editors write, reviewers approve: the two-step moderation workflow through Wagtail's admin
views, and scheduled publishing (go-live and expiry) with `manage.py publish_scheduled`."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb.models import ArticlePage
from kb.services import REVIEWERS_GROUP, set_up_review_workflow
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


def member_of(group_name: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def category(home_pages):
    set_up_review_workflow(pages=[home_pages])
    return factories.category(home_pages, title="Verzending")


def article_form(title="Pakket kwijt", **extra):
    body = streamfield([("rich_text", rich_text("<p>Vraag het eerst bij de buren.</p>"))])
    return nested_form_data({"title": title, "slug": "pakket-kwijt", "body": body, **extra})


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["kb", "articlepage", parent.pk])


def approve(client, article):
    state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", state.pk])
    return client.post(url, {"comment": "Prima zo."})


class TestReviewWorkflow:
    def test_editor_submits_a_new_article_and_it_waits_for_the_editorial_check(
        self, client, category
    ):
        client.force_login(member_of("Editors"))
        response = client.post(add_url(category), {**article_form(), "action-submit": "1"})
        assert response.status_code == 302
        article = ArticlePage.objects.get(slug="pakket-kwijt")
        assert not article.live
        assert article.current_workflow_task.name == "Redactiecheck"

    def test_editors_cannot_publish_without_review(self, client, category):
        editor = member_of("Editors")
        client.force_login(editor)
        client.post(add_url(category), {**article_form(), "action-publish": "1"})
        article = ArticlePage.objects.get(slug="pakket-kwijt")
        assert not article.live
        assert not article.permissions_for_user(editor).can_publish()

    def test_editor_check_then_reviewer_approval_publishes_the_article(self, client, category):
        client.force_login(member_of("Editors"))
        client.post(add_url(category), {**article_form(), "action-submit": "1"})
        article = ArticlePage.objects.get(slug="pakket-kwijt")

        client.force_login(member_of("Editors"))  # a colleague does the editorial check
        assert approve(client, article).status_code == 302
        article.refresh_from_db()
        assert not article.live
        assert article.current_workflow_task.name == "Eindcontrole"

        client.force_login(member_of(REVIEWERS_GROUP))
        assert approve(client, article).status_code == 302
        article.refresh_from_db()
        assert article.live
        assert article.current_workflow_state is None
        client.logout()
        assert client.get(article.url).status_code == 200

    def test_a_shopper_cannot_approve(self, client, category):
        client.force_login(member_of("Editors"))
        client.post(add_url(category), {**article_form(), "action-submit": "1"})
        article = ArticlePage.objects.get(slug="pakket-kwijt")
        client.force_login(UserFactory())
        approve(client, article)
        article.refresh_from_db()
        assert article.current_workflow_task.name == "Redactiecheck"

    def test_revisions_are_kept_and_comparable(self, client, category):
        admin = UserFactory(is_staff=True, is_superuser=True)
        client.force_login(admin)
        client.post(add_url(category), {**article_form(), "action-publish": "1"})
        article = ArticlePage.objects.get(slug="pakket-kwijt")
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        client.post(edit, {**article_form(title="Pakket zoek"), "action-publish": "1"})
        first, second = article.revisions.order_by("created_at")
        compare = reverse(
            "wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, second.pk]
        )
        response = client.get(compare)
        assert response.status_code == 200
        assert "Pakket zoek" in response.content.decode()


class TestScheduledPublishing:
    def test_article_goes_live_at_its_go_live_time(self, client, category):
        article = factories.article(category, title="Zomerbezorging", live=False)
        go_live = timezone.now() + timedelta(days=1)
        article.go_live_at = go_live
        article.save_revision().publish()
        article.refresh_from_db()
        assert not article.live

        call_command("publish_scheduled")
        article.refresh_from_db()
        assert not article.live

        with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(minutes=1)):
            call_command("publish_scheduled")
        article.refresh_from_db()
        assert article.live
        assert client.get(article.url).status_code == 200

    def test_article_expires_at_its_expiry_time(self, client, category):
        article = factories.article(category, title="Actie Black Friday")
        expire = timezone.now() + timedelta(days=1)
        article.expire_at = expire
        article.save_revision().publish()
        url = article.url

        call_command("publish_scheduled")
        assert client.get(url).status_code == 200

        with mock.patch("django.utils.timezone.now", return_value=expire + timedelta(minutes=1)):
            call_command("publish_scheduled")
        article.refresh_from_db()
        assert not article.live and article.expired
        assert client.get(url).status_code == 404
