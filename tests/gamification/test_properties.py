"""Property: whatever sequence of votes, accepts, flags, deletes and reversals happens, every
total equals its ledger (and a replay from scratch), never drops below 1, and no day's vote
reputation exceeds the cap."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamification import rules, services
from gamification.models import ReputationEvent
from tests.factories import UserFactory

from .helpers import assert_consistent

CAP = 30
MEMBERS = 3
START = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 0))

member = st.integers(0, MEMBERS - 1)
moment = st.tuples(st.integers(0, 2), st.integers(0, 600))  # day, minute
post = st.integers(0, 3)
operation = st.one_of(
    st.tuples(st.just("upvote"), member, member, post, moment),
    st.tuples(st.just("downvote"), member, member, post, moment),
    st.tuples(st.just("accept"), member, member, post, moment),
    st.tuples(st.just("flag"), member, member, post, moment),
    st.tuples(st.just("retract"), member, member, post, moment),
    st.tuples(st.just("delete"), member, member, post, moment),
)


def apply(op, users):
    kind, a, b, p, (day, minute) = op
    author, actor = users[a], users[b]
    at = START + dt.timedelta(days=day, minutes=minute)
    key = f"answer:{author.pk}:{p}:vote:{actor.pk}"
    if kind == "upvote":
        services.revert(source_key=key, why="changed")
        services.record(
            user=author, reason=rules.ANSWER_UPVOTED, source_key=key, actor=actor, at=at
        )
    elif kind == "downvote":
        services.revert(source_key=key, why="changed")
        services.record(
            user=author, reason=rules.ANSWER_DOWNVOTED, source_key=key, actor=actor, at=at
        )
        if author != actor:
            services.record(user=actor, reason=rules.DOWNVOTE_CAST, source_key=key, at=at)
    elif kind == "accept":
        key = f"accept:{author.pk}:{p}"
        services.record(
            user=author, reason=rules.ANSWER_ACCEPTED, source_key=key, actor=actor, at=at
        )
        services.record(
            user=actor, reason=rules.ACCEPTED_ASKER, source_key=key, actor=author, at=at
        )
    elif kind == "flag":
        services.record(
            user=author, reason=rules.FLAG_UPHELD, source_key=f"flag:{author.pk}:{p}", at=at
        )
    elif kind == "retract":
        services.revert(source_key=key, why="retracted")
    else:  # the post is deleted: everything recorded about it goes
        for event in ReputationEvent.objects.live().filter(
            source_key__startswith=f"answer:{author.pk}:{p}:"
        ):
            services.revert(source_key=event.source_key, why="deleted")
        services.revert(source_key=f"accept:{author.pk}:{p}", why="deleted")


def assert_cap_holds():
    per_day = (
        ReputationEvent.objects.live()
        .filter(reason__in=rules.capped_reasons())
        .order_by()
        .values("user", "day")
        .annotate(s=Sum("points"))
    )
    assert all(row["s"] <= CAP for row in per_day)


@pytest.mark.django_db
@settings(
    max_examples=30,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=25))
def test_totals_always_equal_the_ledger_never_below_one_and_the_cap_holds(operations):
    with override_settings(GAMIFICATION={"DAILY_VOTE_CAP": CAP}), transaction.atomic():
        users = [UserFactory.build() for _ in range(MEMBERS)]
        for user in users:
            user.save()
        for op in operations:
            apply(op, users)
            for user in users:
                assert_consistent(user)
            assert_cap_holds()
        for user in users:
            stored, replayed, wrong = services.replay_user(user.pk, repair=False)
            assert (stored, wrong) == (replayed, 0)
        transaction.set_rollback(True)
