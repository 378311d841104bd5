"""A product page lists the product's community questions and offers "Stel een vraag over dit
product", which opens the ask form with the product chosen; its videos are "Video's"."""

import pytest
from django.urls import reverse
from django.utils import translation

from community import services
from tests.factories import UserFactory
from tests.kb import factories as kb
from tests.kb.videos import video_page

from .factories import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(home_pages):
    return kb.product(name="Koffiezetapparaat Aroma 300", slug="aroma-300")


def ask_url(product) -> str:
    with translation.override("nl"):
        return reverse("community:ask") + f"?product={product.slug}"


class TestTheProductPage:
    def test_it_lists_recent_questions_and_marks_the_answered_ones(self, client, product):
        open_question = ask(title="Lekt mijn Aroma 300 water?", product=product)
        solved = ask(title="Welke filters passen in de Aroma 300?", product=product)
        reply = answer(solved)
        services.accept_answer(answer=reply, by=solved.author)
        ask(title="Waar blijft mijn pakket?")  # about no product

        html = client.get(product.get_absolute_url()).content.decode()

        assert "Vragen uit de community" in html
        assert f'href="{open_question.get_absolute_url()}"' in html
        assert f'href="{solved.get_absolute_url()}"' in html
        assert "Waar blijft mijn pakket?" not in html
        listed = html[html.index("Welke filters passen"):]
        assert listed.index("beantwoord") < listed.index("</li>")
        assert f'href="{ask_url(product)}">Stel een vraag over dit product</a>' in html
        assert "Alle vragen over dit product" in html

    def test_without_questions_it_still_offers_to_ask(self, client, product):
        html = client.get(product.get_absolute_url()).content.decode()
        assert "Stel een vraag over dit product" in html
        assert "Alle vragen over dit product" not in html

    def test_hidden_questions_are_not_listed(self, client, product):
        question = ask(title="Lekt mijn Aroma 300 water?", product=product)
        question.visibility = "deleted"
        question.save(update_fields=["visibility"])
        assert "Lekt mijn Aroma 300" not in client.get(product.get_absolute_url()).content.decode()

    def test_its_videos_are_called_videos(self, client, product):
        video = video_page(kb.category(title="Koffie"), title="Zo ontkalk je de Aroma 300")
        video.products.add(product)
        video.save_revision().publish()
        html = client.get(product.get_absolute_url()).content.decode()
        assert "<h2>Video&#x27;s</h2>" in html or "<h2>Video's</h2>" in html
        assert "Videopagina" not in html


def test_the_ask_link_chooses_the_product_on_the_form(client, product):
    client.force_login(UserFactory())
    html = client.get(ask_url(product)).content.decode()
    assert f'<option value="{product.pk}" selected>' in html


def test_an_unknown_product_in_the_ask_link_is_ignored(client, product):
    client.force_login(UserFactory())
    with translation.override("nl"):
        response = client.get(reverse("community:ask") + "?product=bestaat-niet")
    assert response.status_code == 200
    assert "selected>Koffiezetapparaat" not in response.content.decode()
