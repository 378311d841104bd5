"""Every badge rule, idempotent awarding and the award notice."""

import datetime as dt
from itertools import count

import pytest
from django.utils import timezone

from gamification import badges, rules, selectors, services
from gamification.models import BadgeAward, ReputationEvent
from gamification.signals import badge_awarded
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
_keys = count()


def act(user, reason, *, actor="other", at=None, **facts):
    if actor == "other":
        actor = UserFactory()
    return services.record(
        user=user, reason=reason, source_key=f"k:{next(_keys)}", actor=actor, facts=facts, at=at
    )


def seed_ledger(user, reason, n, **fields):
    now = timezone.now()
    ReputationEvent.objects.bulk_create(
        ReputationEvent(
            user=user, reason=reason, base_points=0, points=0, source_key=f"seed:{i}",
            created_at=now, day=now.date(), **fields,
        )
        for i in range(n)
    )  # fmt: skip


def awarded(user, slug):
    return list(
        BadgeAward.objects.filter(user=user, badge=slug).values_list("award_key", flat=True)
    )


def test_there_are_at_least_20_badges_in_three_tiers():
    assert len(badges.BADGES) >= 20
    assert {b.tier for b in badges.BADGES} == {"bronze", "silver", "gold"}
    assert len(badges.BY_SLUG) == len(badges.BADGES)


@pytest.mark.parametrize(
    ("slug", "reason", "facts"),
    [
        ("student", rules.QUESTION_ASKED, {}),
        ("teacher", rules.ANSWER_POSTED, {}),
        ("problem-solver", rules.ANSWER_ACCEPTED, {}),
        ("supporter", rules.VOTE_CAST, {"value": 1}),
        ("critic", rules.VOTE_CAST, {"value": -1}),
        ("critic", rules.DOWNVOTE_CAST, {}),
        ("editor", rules.POST_EDITED, {}),
        ("verified", rules.ANSWER_VERIFIED, {}),
        ("promoted", rules.ANSWER_PROMOTED, {"post": "answer:3"}),
    ],
)
def test_first_time_badges(author, slug, reason, facts):
    act(author, reason, **facts)
    assert awarded(author, slug) != []


def test_an_up_vote_is_not_a_down_vote(author):
    act(author, rules.VOTE_CAST, value=1)
    assert awarded(author, "critic") == []


def test_a_vote_without_a_value_fact_takes_its_direction_from_the_source_key(author, voter):
    services.record(
        user=author, reason=rules.VOTE_CAST, source_key="vote:question:4:7:down", actor=author
    )
    assert awarded(author, "supporter") == []
    assert awarded(author, "critic") == [""]


@pytest.mark.parametrize(
    ("slug", "reason", "score"),
    [
        ("good-answer", rules.ANSWER_UPVOTED, 10),
        ("great-answer", rules.ANSWER_UPVOTED, 25),
        ("brilliant-answer", rules.ANSWER_UPVOTED, 50),
        ("good-question", rules.QUESTION_UPVOTED, 10),
        ("great-question", rules.QUESTION_UPVOTED, 25),
    ],
)
def test_score_badges_are_awarded_once_per_post(author, slug, reason, score):
    act(author, reason, post="p:1", score=score - 1)
    assert awarded(author, slug) == []
    act(author, reason, post="p:1", score=score)
    act(author, reason, post="p:1", score=score + 1)
    act(author, reason, post="p:2", score=score)
    assert sorted(awarded(author, slug)) == ["p:1", "p:2"]


def test_curious_needs_five_different_well_received_questions(author):
    for n in range(4):
        act(author, rules.QUESTION_UPVOTED, post=f"question:{n}", score=1)
    act(author, rules.QUESTION_UPVOTED, post="question:0", score=2)
    assert awarded(author, "curious") == []
    act(author, rules.QUESTION_UPVOTED, post="question:9", score=1)
    assert awarded(author, "curious") == [""]


@pytest.mark.parametrize(
    ("slug", "reason", "needed"),
    [
        ("helper", rules.ANSWER_ACCEPTED, 10),
        ("deflector", rules.DEFLECTION, 10),
        ("citizen", rules.FLAG_RAISED_UPHELD, 10),
    ],
)
def test_count_badges(author, slug, reason, needed):
    for _ in range(needed - 1):
        act(author, reason)
    assert awarded(author, slug) == []
    act(author, reason)
    assert awarded(author, slug) == [""]


@pytest.mark.parametrize(
    ("slug", "reason", "needed"),
    [
        ("guru", rules.ANSWER_ACCEPTED, 50),
        ("lighthouse", rules.DEFLECTION, 100),
        ("civic-duty", rules.VOTE_CAST, 100),
    ],
)
def test_big_count_badges(author, voter, slug, reason, needed):
    # The rule counts the ledger: write all but the last event straight into it, for speed.
    seed_ledger(author, reason, needed - 1)
    assert awarded(author, slug) == []
    act(author, reason, actor=voter)
    assert awarded(author, slug) == [""]


def test_expert_needs_25_accepted_answers_in_one_tag(author, voter):
    seed_ledger(author, rules.ANSWER_ACCEPTED, 20, tags="|bezorging|")
    for n in range(4):
        act(author, rules.ANSWER_ACCEPTED, actor=voter, tags=["bezorging", f"t{n}"])
    assert awarded(author, "expert") == []
    act(author, rules.ANSWER_ACCEPTED, actor=voter, tags=["bezorging"])
    assert awarded(author, "expert") == ["bezorging"]


def test_product_specialist_needs_10_accepted_answers_about_one_product(author, voter):
    for _ in range(9):
        act(author, rules.ANSWER_ACCEPTED, actor=voter, product="airfryer-xl")
    act(author, rules.ANSWER_ACCEPTED, actor=voter, product="stofzuiger")
    assert awarded(author, "product-specialist") == []
    act(author, rules.ANSWER_ACCEPTED, actor=voter, product="airfryer-xl")
    assert awarded(author, "product-specialist") == ["airfryer-xl"]


def test_polyglot_needs_accepted_answers_in_dutch_and_english(author):
    act(author, rules.ANSWER_ACCEPTED, language="nl")
    act(author, rules.ANSWER_ACCEPTED, language="nl")
    assert awarded(author, "polyglot") == []
    act(author, rules.ANSWER_ACCEPTED, language="en")
    assert awarded(author, "polyglot") == [""]


def test_steadfast_needs_answers_on_seven_consecutive_days(author):
    start = timezone.now() - dt.timedelta(days=10)
    for day in [0, 1, 2, 4, 5, 6, 7, 8]:
        act(author, rules.ANSWER_POSTED, actor=author, at=start + dt.timedelta(days=day))
    assert awarded(author, "steadfast") == []
    act(author, rules.ANSWER_POSTED, actor=author, at=start + dt.timedelta(days=9))
    assert awarded(author, "steadfast") == []
    act(author, rules.ANSWER_POSTED, actor=author, at=start + dt.timedelta(days=10))
    assert awarded(author, "steadfast") == [""]


def test_a_once_only_badge_is_never_awarded_twice(author):
    act(author, rules.QUESTION_ASKED)
    act(author, rules.QUESTION_ASKED)
    assert BadgeAward.objects.filter(user=author, badge="student").count() == 1


def test_the_database_refuses_a_duplicate_award(author):
    from django.db import IntegrityError, transaction

    BadgeAward.objects.create(user=author, badge="student")
    with pytest.raises(IntegrityError), transaction.atomic():
        BadgeAward.objects.create(user=author, badge="student")


def test_each_award_is_announced_after_commit_and_listed_as_unseen(
    author, django_capture_on_commit_callbacks
):
    heard = []

    def receiver(sender, user, award, badge, **kwargs):
        heard.append((user, badge.slug))

    badge_awarded.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            act(author, rules.QUESTION_ASKED)
    finally:
        badge_awarded.disconnect(receiver)
    assert heard == [(author, "student")]
    assert [a.badge.slug for a in selectors.unseen_awards(author)] == ["student"]
    assert services.mark_awards_seen(user=author) == 1
    assert selectors.unseen_awards(author) == []
