"""The service promise page shows live community figures over the last 30 days, cached for
ten minutes."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from community.models import Answer, Question
from insights import selectors
from kb.demo import seed_service_promise
from tests.community.factories import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(settings, home_pages):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    cache.clear()
    seed_service_promise()
    now = timezone.now()
    for title, asked_days_ago, wait_hours in (("Snel beantwoorde vraag", 3, 2),
                                              ("Traag beantwoorde vraag", 5, 30),
                                              ("Nog open vraag hierover", 2, None),
                                              ("Oude vraag van lang geleden", 40, 1)):
        question = ask(title=title)
        asked = now - dt.timedelta(days=asked_days_ago)
        Question.objects.filter(pk=question.pk).update(created_at=asked)
        if wait_hours is not None:
            reply = answer(question)
            Answer.objects.filter(pk=reply.pk).update(
                created_at=asked + dt.timedelta(hours=wait_hours))
    yield
    cache.clear()


def test_community_response_over_the_last_30_days(questions, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = selectors.community_response()
    assert figures["questions"] == 3  # the question of 40 days ago is outside
    assert figures["median_first_answer"] == dt.timedelta(hours=16)  # of 2 h and 30 h
    assert figures["answered_24h_rate"] == pytest.approx(1 / 3)


def test_the_promise_page_shows_them_cached(questions, client):
    page = client.get(reverse("kb:service_promise"), follow=True)
    assert page.status_code == 200
    assert "Mediane tijd tot een eerste antwoord in de community" in page.text
    assert "16 uur" in page.text and "33 %" in page.text
    assert "Van de 3 vragen van de afgelopen 30 dagen." in page.text
    ask(title="Nog een nieuwe vraag erbij")
    page = client.get(reverse("kb:service_promise"), follow=True)
    assert "Van de 3 vragen" in page.text  # cached for ten minutes
    cache.clear()
    page = client.get(reverse("kb:service_promise"), follow=True)
    assert "Van de 4 vragen" in page.text


def test_no_questions_no_figures(home_pages, client):
    cache.clear()
    seed_service_promise()
    page = client.get(reverse("kb:service_promise"), follow=True)
    assert page.status_code == 200 and "Zo doen we het" not in page.text
