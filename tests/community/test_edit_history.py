"""Editing through the site and the public edit history with its diff."""

import pytest

from community import services
from tests.factories import PASSWORD, UserFactory

from .factories import ANSWER, BODY, answer, ask, member_with

pytestmark = pytest.mark.django_db


def log_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_author_edits_through_the_form_and_anyone_reads_the_diff(client):
    question = ask()
    log_in(client, question.author)
    form = client.get(f"/nl/vragen/{question.pk}/bewerken/").content.decode()
    assert "Waar blijft mijn pakket?" in form and "levering" in form
    response = client.post(
        f"/nl/vragen/{question.pk}/bewerken/",
        {
            "title": "Waar blijft mijn pakket? (update)",
            "body": BODY + "\n\nUpdate: de bezorger heeft een briefje achtergelaten.",
            "tags": "levering, bezorger",
            "summary": "update toegevoegd",
        },
    )
    assert response.status_code == 302
    client.logout()
    history = client.get(f"/nl/vragen/{question.pk}/geschiedenis/").content.decode()
    assert "Versie 2" in history and "update toegevoegd" in history
    assert (
        '<span class="diff-add">+ Update: de bezorger heeft een briefje achtergelaten.' in history
    )


def test_edit_form_errors_keep_the_text(client):
    reply = answer(ask())
    log_in(client, reply.author)
    response = client.post(f"/nl/antwoorden/{reply.pk}/bewerken/", {"body": "Kort", "summary": ""})
    assert response.status_code == 200 and "Kort</textarea>" in response.content.decode()


def test_editing_someone_elses_answer_without_the_privilege_is_forbidden(client):
    reply = answer(ask())
    log_in(client, UserFactory())
    assert client.get(f"/nl/antwoorden/{reply.pk}/bewerken/").status_code == 403


def test_privileged_member_edit_shows_in_the_answer_history(client):
    reply = answer(ask())
    services.edit_post(post=reply, by=member_with(2000), body=ANSWER + " Of bel ons.")
    history = client.get(f"/nl/antwoorden/{reply.pk}/geschiedenis/").content.decode()
    assert "Versie 1" in history and "Versie 2" in history
