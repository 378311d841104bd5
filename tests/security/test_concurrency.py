"""Twenty members act on one question at the same moment, through HTTP as their browsers
would: each votes on the question and its answer, answers and comments, while the asker
accepts answers. Every action lands exactly once, nobody sees an error (no "database is
locked"), and every reputation total equals its ledger.

tests/community/test_concurrent_votes.py covers double-clicked votes on PostgreSQL and
tests/gamification/test_concurrency.py the ledger under parallel records; this one is the
whole write path (views, services, limits, notifications, index jobs) at once, on SQLite
(copied to a file so threads share it; writers queue on the IMMEDIATE lock) and PostgreSQL.
"""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from community.models import Answer, Comment, Vote
from tests.community.factories import ANSWER, answer, ask, member_with
from tests.gamification.test_concurrency import database_shared_by_threads

THREADS = 20


def _messages(response) -> list[str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", [])]


class Member:
    def __init__(self, user):
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.problems: list[str] = []

    def post(self, url, data=None, **headers):
        response = self.client.post(url, data or {}, headers=headers)
        said = _messages(response) + ([response.content.decode()] if response.status_code
                                      not in (200, 302) else [])
        if response.status_code >= 400 or any("lock" in text.lower() for text in said):
            self.problems.append(f"{url}: {response.status_code} {said}")
        return response


def act(member, urls, barrier):
    try:
        barrier.wait()
        member.post(urls["vote_question"], {"value": "up"}, Accept="application/json")
        member.post(urls["answer"], {"body": ANSWER + f" (lid {id(member)})"})
        member.post(urls["comment"], {"body": "Bij mij kwam het pakket na een week."})
        member.post(urls["vote_answer"], {"value": "up"}, Accept="application/json")
    except Exception as error:  # noqa: BLE001 - anything reaching the member fails the test
        member.problems.append(repr(error))
    finally:
        connection.close()


def accept_repeatedly(owner, answer_ids, barrier):
    try:
        barrier.wait()
        for pk in answer_ids * 3:
            owner.post(reverse("community:accept", args=["answer", pk]))
    except Exception as error:  # noqa: BLE001
        owner.problems.append(repr(error))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def test_twenty_members_on_one_question_all_land_exactly_once(tmp_path, capsys):
    translation.activate("nl")
    owner_user = member_with(200)
    question = ask(author=owner_user)
    helper, second = member_with(200), member_with(200)
    first = answer(question, author=helper)
    other = answer(question, author=second, body=ANSWER + " Of bel ze gewoon op.")
    members = [Member(member_with(200)) for _ in range(THREADS)]
    owner = Member(owner_user)
    urls = {
        "vote_question": reverse("community:vote", args=["question", question.pk]),
        "vote_answer": reverse("community:vote", args=["answer", first.pk]),
        "answer": reverse("community:answer", args=[question.pk]),
        "comment": reverse("community:comment", args=["question", question.pk]),
    }
    barrier = threading.Barrier(THREADS + 1)
    threads = [threading.Thread(target=act, args=(m, urls, barrier)) for m in members]
    threads.append(threading.Thread(target=accept_repeatedly,
                                    args=(owner, [first.pk, other.pk], barrier)))
    with database_shared_by_threads(tmp_path):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [p for m in members + [owner] for p in m.problems] == []
    question.refresh_from_db()
    first.refresh_from_db()
    assert Vote.objects.filter(question=question).count() == THREADS == question.score
    assert Vote.objects.filter(answer=first).count() == THREADS == first.score
    assert Answer.objects.filter(question=question).count() == THREADS + 2
    assert question.answer_count == THREADS + 2
    assert Comment.objects.filter(question=question).count() == THREADS
    assert Answer.objects.filter(question=question, is_accepted=True).count() == 1
    capsys.readouterr()
    call_command("verify_reputation", "--check")
    assert "0 wrong" in capsys.readouterr().out
    translation.deactivate()
