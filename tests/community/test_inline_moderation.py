"""Moderators act from the question and profile pages; shoppers can't, and see no controls."""

import pytest

from community.models import ModerationAction, Question
from tests.factories import PASSWORD, UserFactory

from .factories import answer, ask, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client(client):
    user = moderator()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_close_lock_and_pin_from_the_question_page(mod_client):
    question = ask()
    page = mod_client.get(question.get_absolute_url()).content.decode()
    assert "Moderatorhulpmiddelen" in page
    url = f"/nl/vragen/{question.pk}/modereren/"
    mod_client.post(url, {"action": "close", "reason": "unclear", "why": "graag ordernummer"})
    mod_client.post(url, {"action": "lock", "why": "discussie loopt uit de hand"})
    mod_client.post(url, {"action": "pin"})
    question.refresh_from_db()
    assert question.is_closed and question.is_locked and question.is_pinned
    assert question.close_reason == "unclear" and question.close_note == "graag ordernummer"
    assert ModerationAction.objects.count() == 3


def test_duplicate_by_link_merges_answers(mod_client):
    original, copy = ask(title="Waar blijft mijn pakket?"), ask(title="Pakket nog niet binnen")
    answer(copy)
    mod_client.post(
        f"/nl/vragen/{copy.pk}/modereren/",
        {
            "action": "duplicate",
            "original": f"http://testserver{original.get_absolute_url()}",
            "merge": "1",
        },
    )
    copy.refresh_from_db()
    assert copy.duplicate_of == original and original.answers.count() == 1
    page = mod_client.get(copy.get_absolute_url()).content.decode()
    assert "Deze vraag is al eerder gesteld" in page


def test_shopper_sees_no_controls_and_is_refused(client):
    question = ask()
    shopper = UserFactory()
    client.login(username=shopper.username, password=PASSWORD)
    assert "Moderatorhulpmiddelen" not in client.get(question.get_absolute_url()).content.decode()
    response = client.post(f"/nl/vragen/{question.pk}/modereren/", {"action": "lock"}, follow=True)
    assert "Alleen moderatoren en de klantenservice" in response.content.decode()
    assert not Question.objects.get().is_locked


def test_suspend_from_the_profile_page(mod_client):
    member = UserFactory(username="lastpak")
    mod_client.post("/nl/leden/lastpak/schorsen/", {"days": "7", "why": "scheldt anderen uit"})
    member.refresh_from_db()
    assert member.is_suspended and member.suspension_reason == "scheldt anderen uit"
    assert "Geschorst tot" in mod_client.get("/nl/leden/lastpak/").content.decode()


def test_flag_as_duplicate_with_a_link_lands_in_the_review_queue(client):
    from community.models import Flag

    from .factories import member_with

    original, copy = ask(title="Waar blijft mijn pakket?"), ask(title="Pakket nog niet binnen")
    flagger = member_with(15)
    client.login(username=flagger.username, password=PASSWORD)
    response = client.post(
        f"/nl/community/question/{copy.pk}/flag/",
        {
            "reason": "duplicate",
            "duplicate_of": original.get_absolute_url(),
            "note": "zelfde vraag",
        },
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.question, flag.duplicate_of, flag.state) == (copy, original, "open")
