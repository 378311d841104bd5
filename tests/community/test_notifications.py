"""Inbox, e-mail and per-kind settings; follows of questions, tags and products."""

import pytest
from django.core import mail

from community import services
from community.models import Notification
from tests.factories import PASSWORD, UserFactory

from .factories import answer, ask

pytestmark = pytest.mark.django_db


def test_a_new_answer_lands_in_the_inbox_and_by_email(client, django_capture_on_commit_callbacks):
    question = ask()
    with django_capture_on_commit_callbacks(execute=True):
        answer(question)
    assert question.author.notifications.filter(kind="answer", read_at=None).count() == 1
    assert mail.outbox[-1].to == [question.author.email]
    assert "beantwoord" in mail.outbox[-1].subject
    assert question.get_absolute_url() in mail.outbox[-1].body


def test_the_header_shows_the_unread_count_and_the_inbox_marks_read(client):
    question = ask()
    answer(question)
    client.login(username=question.author.username, password=PASSWORD)
    text = client.get("/nl/meldingen/").content.decode()
    assert 'class="unread-count"' in text and "heeft “Waar blijft mijn pakket?” beantwoord" in text
    client.post("/nl/meldingen/")
    assert not Notification.objects.filter(read_at=None).exists()


def test_switching_a_kind_off_stops_inbox_and_email(client, django_capture_on_commit_callbacks):
    question = ask()
    client.login(username=question.author.username, password=PASSWORD)
    data = {f"{kind}_site": "on" for kind in Notification.Kind.values}
    data |= {f"{kind}_email": "on" for kind in Notification.Kind.values}
    del data["answer_site"], data["answer_email"]
    assert client.post("/nl/instellingen/meldingen/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        answer(question)
    assert not question.author.notifications.exists() and not mail.outbox


def test_following_a_tag_notifies_of_new_questions():
    follower = UserFactory()
    services.follow(user=follower, tag="retour")
    ask(title="Hoe stuur ik een jas retour?", tags=["retour"])
    ask(title="Waar blijft mijn pakket vandaag?", tags=["levering"])
    assert list(follower.notifications.values_list("kind", "text")) == [
        ("followed", "Hoe stuur ik een jas retour?")
    ]


def test_unfollowing_a_question_stops_answer_notifications():
    question = ask()
    services.follow(user=question.author, question=question, on=False)
    answer(question)
    assert not question.author.notifications.exists()


def test_a_new_badge_is_announced_in_the_inbox_until_seen(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ask()
    client.login(username=question.author.username, password=PASSWORD)
    text = client.get("/nl/meldingen/").content.decode()
    assert "Je hebt de badge ‘Leerling’ verdiend!" in text
    client.post("/nl/badges/gezien/", {"next": "/nl/meldingen/"})
    assert "verdiend!" not in client.get("/nl/meldingen/").content.decode()
