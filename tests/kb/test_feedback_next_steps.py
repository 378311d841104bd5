"""After "Nee" a shopper is offered a way on (the community, customer service), with and
without JavaScript; articles with votes say how many found them helpful; every article ends
with "Nog vragen?" and links its tags to their search."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kb.templatetags.feedback_tags import feedback_summary

from . import factories

pytestmark = pytest.mark.django_db

ASK = "Stel je vraag in de community"
CONTACT = "Neem contact op"


@pytest.fixture
def article(home_pages):
    category = factories.category(title="Retourneren en ruilen", slug="retourneren-en-ruilen")
    page = factories.article(category, title="Je pakket retourneren", slug="pakket-retourneren")
    page.tags.add("retour")
    page.save_revision().publish()
    return page


def vote(client, page, helpful, **headers):
    return client.post(f"/nl/feedback/{page.pk}/", {"helpful": helpful, "next": page.url},
                       **headers)


def next_steps(html: str) -> str:
    start = html.find('class="kb-feedback-next"')
    return html[start:html.find("</div>", start)] if start >= 0 else ""


class TestAfterANoVote:
    def test_without_javascript_the_page_offers_the_community_and_contact(self, client, article):
        assert next_steps(client.get(article.url).content.decode()) == ""
        vote(client, article, "no")
        follow_up = next_steps(client.get(article.url).content.decode())
        assert ASK in follow_up and CONTACT in follow_up
        with translation.override("nl"):
            assert f'href="{reverse("community:ask")}"' in follow_up
            assert f'href="{reverse("support:contact")}"' in follow_up

    def test_with_javascript_the_swapped_box_offers_them_too(self, client, article):
        response = vote(client, article, "no", HTTP_X_REQUESTED_WITH="fetch")
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="reason"' in html  # what was missing? (optional)
        assert ASK in next_steps(html) and CONTACT in next_steps(html)

    def test_a_yes_vote_offers_no_follow_up(self, client, article):
        html = vote(client, article, "yes", HTTP_X_REQUESTED_WITH="fetch").content.decode()
        assert next_steps(html) == ""


class TestHowManyFoundItHelpful:
    def test_no_count_before_the_first_vote(self, client, article):
        assert "nuttig</p>" not in client.get(article.url).content.decode()

    def test_one_vote_is_singular(self, client, article):
        vote(Client(), article, "yes")
        assert "1 van 1 vond dit nuttig" in client.get(article.url).content.decode()

    def test_the_count_says_yes_out_of_all_votes(self, client, article):
        for helpful in ("yes", "yes", "no"):
            vote(Client(), article, helpful)
        assert "2 van 3 vonden dit nuttig" in client.get(article.url).content.decode()

    def test_english_pages_count_in_english(self, client, article):
        vote(Client(), article, "yes")
        vote(Client(), article, "no")
        with translation.override("en"):
            assert feedback_summary(article) == "1 of 2 found this helpful"


def test_articles_end_with_a_way_on_and_link_their_tags(client, article):
    html = client.get(article.url).content.decode()
    assert "Nog vragen?" in html and ASK in html
    with translation.override("nl"):
        assert f'href="{reverse("search:search")}?q=retour"' in html
