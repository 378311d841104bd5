"""Twenty threads voting, changing and retracting votes and earning badges at once: every
total still equals its ledger, no badge is awarded twice and no caller sees an error.

Runs on SQLite (writers queue on the IMMEDIATE write lock) and on PostgreSQL (writers queue
on the per-user Reputation row lock)."""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count

from gamification import rules, services
from gamification.models import BadgeAward, ReputationEvent
from tests.factories import UserFactory

from .helpers import assert_consistent

THREADS = 20
AUTHORS = 3


@contextmanager
def database_shared_by_threads(folder):
    """SQLite's in-memory test database uses a shared cache, where a second writer fails at
    once with "table is locked" instead of waiting. For the threads, copy it to a file (as in
    production, where writers wait on the lock) and copy the result back afterwards."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = str(folder / "threads.sqlite3")
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    settings_dict = connections.settings["default"]
    memory, settings_dict["NAME"] = settings_dict["NAME"], path
    try:
        yield
    finally:
        settings_dict["NAME"] = memory
        with sqlite3.connect(path) as result:
            result.backup(connection.connection)


def vote_journey(voter, authors, errors, barrier):
    """What community's cast/change/retract vote services do, each in one transaction."""
    try:
        barrier.wait()
        for author in authors:
            key = f"vote:{voter.pk}:{author.pk}"
            with transaction.atomic():
                services.record(
                    user=author, reason=rules.ANSWER_UPVOTED, source_key=key, actor=voter,
                    facts={"post": f"answer:{author.pk}", "score": 10},
                )  # fmt: skip
                services.record(
                    user=voter, reason=rules.VOTE_CAST, source_key=key, actor=voter,
                    facts={"value": 1},
                )  # fmt: skip
            with transaction.atomic():  # changed into a down-vote
                services.revert(source_key=key, reason=rules.ANSWER_UPVOTED, why="changed")
                services.record(
                    user=author, reason=rules.ANSWER_DOWNVOTED, source_key=key, actor=voter
                )
                services.record(user=voter, reason=rules.DOWNVOTE_CAST, source_key=key, actor=voter)
            with transaction.atomic():  # retracted
                services.revert(source_key=key, why="retracted")
            with transaction.atomic():  # and up-voted again
                services.record(
                    user=author, reason=rules.ANSWER_UPVOTED, source_key=key, actor=voter,
                    facts={"post": f"answer:{author.pk}", "score": 25},
                )  # fmt: skip
        with transaction.atomic():
            services.record(
                user=voter, reason=rules.QUESTION_ASKED, source_key=f"q:{voter.pk}", actor=voter
            )
    except Exception as error:  # noqa: BLE001 - any error reaching a caller fails the test
        errors.append(repr(error))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_keep_every_total_equal_to_its_ledger(tmp_path):
    authors = [UserFactory() for _ in range(AUTHORS)]
    voters = [UserFactory() for _ in range(THREADS)]
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=vote_journey, args=(voter, authors, errors, barrier))
        for voter in voters
    ]
    with database_shared_by_threads(tmp_path):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    for user in authors + voters:
        assert_consistent(user)
    for author in authors:
        # 20 standing up-votes, capped at 200 a day.
        assert assert_consistent(author) == 201
    assert (
        not BadgeAward.objects.values("user", "badge", "award_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert BadgeAward.objects.filter(badge="good-answer").count() == AUTHORS
    assert BadgeAward.objects.filter(badge="great-answer").count() == AUTHORS
    assert BadgeAward.objects.filter(badge="student").count() == THREADS
    assert ReputationEvent.objects.live().filter(reason=rules.ANSWER_DOWNVOTED).count() == 0
