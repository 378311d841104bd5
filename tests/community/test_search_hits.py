"""Community hits in search results say whether the question has an accepted answer and how
many votes and answers it has, read fresh in one query for the whole page of results."""

import pytest
from django.urls import reverse
from django.utils import translation

from community import services
from search.indexing import drain

from .factories import answer, ask

pytestmark = pytest.mark.django_db


def search(client, q):
    with translation.override("nl"):
        url = reverse("search:search")
    return client.get(url, {"q": q}).content.decode()


def hit_of(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[start:html.index("</li>", start)]


def test_a_hit_with_an_accepted_answer_says_so_with_its_votes(client):
    question = ask(title="Waterkoker lekt na ontkalken")
    reply = answer(question, body="Draai de bodemring vast en ontkalk opnieuw met azijn.")
    services.accept_answer(answer=reply, by=question.author)
    drain(blocking=True)
    hit = hit_of(search(client, "waterkoker lekt"), "Waterkoker lekt na ontkalken")
    assert "Geaccepteerd antwoord" in hit
    assert "0 stemmen" in hit and "1 antwoord" in hit


def test_an_answered_hit_without_acceptance_says_answered(client):
    question = ask(title="Waterkoker lekt na ontkalken")
    answer(question, body="Draai de bodemring vast en ontkalk opnieuw met azijn.")
    answer(question, body="Bij mij hielp het om de pakking te vervangen, die kost weinig.")
    drain(blocking=True)
    hit = hit_of(search(client, "waterkoker lekt"), "Waterkoker lekt na ontkalken")
    assert "Beantwoord" in hit and "Geaccepteerd" not in hit
    assert "2 antwoorden" in hit
