"""Votes arriving at the same moment: the score always equals the sum of the Vote rows."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from community import services
from community.models import Question, Vote

from .factories import ask, member_with


# PostgreSQL only: the in-memory SQLite test database can't be shared by threads, and SQLite
# takes the write lock at BEGIN (transaction_mode IMMEDIATE), so its writers never overlap.
@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_simultaneous_votes_never_double_count():
    question = ask()
    voters = [member_with(15) for _ in range(6)]
    voters.append(voters[0])  # one member double-clicks
    barrier = threading.Barrier(len(voters))
    errors = []

    def vote(user):
        try:
            barrier.wait()
            services.cast_vote(user=user, post=Question.objects.get(pk=question.pk), value=1)
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(user,)) for user in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    question.refresh_from_db()
    assert question.score == (Vote.objects.aggregate(total=Sum("value"))["total"] or 0)
    assert Vote.objects.filter(user=voters[0]).count() <= 1
    assert Vote.objects.exclude(user=voters[0]).count() == 5
