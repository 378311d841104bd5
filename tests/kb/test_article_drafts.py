"""kb.services.create_article_draft: how community answers become article drafts."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Locale

from kb.models import ArticlePage
from kb.services import create_article_draft, set_up_review_workflow
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(home_pages):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def draft(category, editor, **overrides):
    arguments = {
        "title": "Pakket kwijt na bezorging",
        "body_html": "<p>Vraag het eerst bij de <b>buren</b>.</p><script>alert(1)</script>",
        "category": category,
        "locale_code": "nl",
        "credit": "Sanne de Vries",
        "source_url": "https://example.nl/nl/vragen/12/",
        "by": editor,
    }
    return create_article_draft(**{**arguments, **overrides})


def test_draft_is_an_unpublished_article_under_the_category_with_a_revision(editor):
    category = factories.category(title="Verzending")
    article = draft(category, editor)
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.get_parent().pk == category.pk
    assert article.latest_revision.user == editor
    assert article.credit == "Sanne de Vries"
    html = str(article.body[0].value)
    assert "<b>buren</b>" in html and "script" not in html


def test_draft_starts_the_assigned_review_workflow_as_the_author(editor):
    set_up_review_workflow(pages=[factories.dutch_home()])
    article = draft(factories.category(), editor)
    state = article.current_workflow_state
    assert state is not None and state.requested_by == editor
    assert state.current_task_state.task.name == "Redactiecheck"


def test_draft_goes_under_the_categorys_translation_for_another_language(editor):
    category = factories.category()
    english = category.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    article = draft(category, editor, locale_code="en", title="Lost parcel")
    assert article.locale.language_code == "en"
    assert article.get_parent().pk == english.pk


def test_slugs_stay_unique_among_siblings(editor):
    category = factories.category()
    first = draft(category, editor)
    second = draft(category, editor)
    assert first.slug == "pakket-kwijt-na-bezorging"
    assert second.slug == "pakket-kwijt-na-bezorging-2"


def test_shopper_without_page_permissions_may_not_create_drafts(home_pages):
    with pytest.raises(PermissionDenied):
        draft(factories.category(), UserFactory())


def test_empty_title_is_refused(editor):
    with pytest.raises(ValidationError):
        draft(factories.category(), editor, title="  ")
