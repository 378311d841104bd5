"""One question per ask form: a double click, a resent POST or ten concurrent submits of the same
form by an established member create one question, and every submit lands on it."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from community.models import Question
from tests.community.factories import BODY, member_with
from tests.gamification.test_concurrency import database_shared_by_threads

TITLE = "Waar blijft mijn pakket van vorige week?"


def _token(client) -> str:
    page = client.get(reverse("community:ask")).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def _form(token: str) -> dict:
    return {"title": TITLE, "body": BODY, "tags": "levering", "form_token": token}


@pytest.mark.django_db
@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def test_the_same_form_sent_twice_makes_one_question_and_both_land_on_it(client):
    translation.activate("nl")
    client.force_login(member_with(500))
    token = _token(client)
    first = client.post(reverse("community:ask"), _form(token))
    again = client.post(reverse("community:ask"), _form(token))
    assert Question.objects.filter(title=TITLE).count() == 1
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == Question.objects.get().get_absolute_url()


@pytest.mark.django_db
@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def test_a_refused_form_keeps_its_token_free_for_the_corrected_one(client):
    translation.activate("nl")
    client.force_login(member_with(500))
    token = _token(client)
    refused = client.post(reverse("community:ask"), _form(token) | {"body": "Te kort"})
    assert refused.status_code == 200 and f'value="{token}"' in refused.content.decode()
    assert client.post(reverse("community:ask"), _form(token)).status_code == 302
    assert Question.objects.filter(title=TITLE).count() == 1


@pytest.mark.django_db
@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def test_a_new_form_is_a_new_question(client):
    translation.activate("nl")
    client.force_login(member_with(500))
    client.post(reverse("community:ask"), _form(_token(client)))
    client.post(reverse("community:ask"), _form(_token(client)) | {"title": TITLE + " Nog een"})
    assert Question.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def test_ten_concurrent_submits_of_one_form_make_one_question(tmp_path):
    translation.activate("nl")
    member = member_with(500)
    browser = Client()
    browser.force_login(member)
    token = _token(browser)
    statuses, errors = [], []
    barrier = threading.Barrier(10)

    def submit():
        try:
            tab = Client(raise_request_exception=False)
            tab.force_login(member)
            barrier.wait(timeout=120)
            statuses.append(tab.post(reverse("community:ask"), _form(token)).status_code)
        except Exception as error:  # noqa: BLE001 - any error reaching the member fails the test
            errors.append(repr(error))
            barrier.abort()  # the others stop waiting for a tab that never comes
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    with database_shared_by_threads(tmp_path):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert statuses == [302] * 10
    assert Question.objects.filter(title=TITLE).count() == 1
