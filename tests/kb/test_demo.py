"""The demo help centre: realistic content in both languages, seeded idempotently."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from kb import demo
from kb.models import ArticlePage, CategoryPage, FaqPage, Product, ServicePromisePage
from kb.services import REVIEW_WORKFLOW_NAME, REVIEWERS_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KB_STEPS = [step for order, _label, step in demo.STEPS if 20 <= order <= 29]


def seed():
    for step in KB_STEPS:
        step()


def test_demo_help_centre_has_the_promised_content():
    seed()
    dutch = ArticlePage.objects.live().filter(locale__language_code="nl")
    english = ArticlePage.objects.live().filter(locale__language_code="en")
    top_level = CategoryPage.objects.filter(depth=3, locale__language_code="nl")
    assert dutch.count() >= 30 and english.count() == 10
    assert {c.slug for c in top_level} >= {
        "bestellen",
        "betalen",
        "verzending-en-levering",
        "retourneren-en-ruilen",
        "account",
        "productonderhoud",
    }
    assert FaqPage.objects.live().filter(locale__language_code="nl").count() == 2
    assert Product.objects.filter(locale__language_code="nl").count() == 5
    assert all(p.image_id for p in Product.objects.all())
    assert ServicePromisePage.objects.live().count() == 2
    assert {a.slug for a in english} >= {"where-is-my-parcel", "paying-with-ideal"}


def test_demo_sets_up_the_two_step_review_workflow_on_both_help_centres():
    seed()
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [
        ["Editors"],
        [REVIEWERS_GROUP],
    ]
    article = ArticlePage.objects.get(slug="waar-is-mijn-pakket")
    assert article.get_workflow() == workflow
    assert ArticlePage.objects.get(slug="where-is-my-parcel").get_workflow() == workflow
    assert Group.objects.filter(name=REVIEWERS_GROUP).exists()


def test_demo_editors_maintain_products_in_the_admin(client):
    seed()
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/snippets/kb/product/").status_code == 200
    assert client.get("/admin/snippets/kb/product/add/").status_code == 200


def test_seeding_twice_changes_nothing():
    seed()
    first = (Page.objects.count(), Product.objects.count(), Workflow.objects.count())
    seed()
    assert (Page.objects.count(), Product.objects.count(), Workflow.objects.count()) == first


def test_demo_pages_render(client):
    seed()
    paths = [
        "/nl/",
        "/en/",
        "/nl/verzending-en-levering/waar-is-mijn-pakket/",
        "/en/shipping-and-delivery/delivery-options-and-costs/",
        "/nl/productonderhoud/koffiezetapparaat-ontkalken/",
        "/nl/productonderhoud/garantie-en-reparatie/garantie-en-reparatie-aanvragen/",
        "/nl/veelgestelde-vragen/",
        "/nl/onze-servicebelofte/",
        "/en/our-service-promise/",
    ]
    for path in paths:
        assert client.get(path).status_code == 200, path
    for category in CategoryPage.objects.all():
        assert client.get(category.url).status_code == 200, category.url


def test_demo_embeds_the_product_video_in_its_article_once():
    seed()  # steps 25 (videos) and 28 (videos in articles) included
    demo.seed_article_videos()
    article = ArticlePage.objects.get(slug="koffiezetapparaat-ontkalken")
    videos = [block.value for block in article.body if block.block_type == "video"]
    assert len(videos) == 1 and videos[0]["video"].slug == "je-koffiemachine-ontkalken"
