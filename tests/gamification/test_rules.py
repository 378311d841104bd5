"""Each reputation rule gives its points, once, and never for your own posts."""

import pytest

from gamification import rules, services
from gamification.selectors import reputation_of

from .helpers import assert_consistent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reason", "points"),
    [
        (rules.QUESTION_UPVOTED, 10),
        (rules.ANSWER_UPVOTED, 10),
        (rules.ANSWER_ACCEPTED, 15),
        (rules.ACCEPTED_ASKER, 2),
        (rules.ANSWER_VERIFIED, 15),
        (rules.DEFLECTION, 5),
        (rules.QUESTION_ASKED, 0),
        (rules.ANSWER_POSTED, 0),
        (rules.VOTE_CAST, 0),
        (rules.POST_EDITED, 0),
        (rules.FLAG_RAISED_UPHELD, 0),
        (rules.ANSWER_PROMOTED, 0),
    ],
)
def test_each_rewarding_rule_adds_its_points(author, voter, reason, points):
    event = services.record(user=author, reason=reason, source_key="x:1", actor=voter)
    assert event.points == points
    assert assert_consistent(author) == 1 + points


@pytest.mark.parametrize(
    ("reason", "points"),
    [
        (rules.QUESTION_DOWNVOTED, -2),
        (rules.ANSWER_DOWNVOTED, -2),
        (rules.DOWNVOTE_CAST, -1),
        (rules.FLAG_UPHELD, -100),
    ],
)
def test_each_penalty_takes_its_points_from_a_high_enough_total(author, voter, reason, points):
    services.grant_points(user=author, points=200, by=_staff(), why="start")
    services.record(user=author, reason=reason, source_key="x:1", actor=voter)
    assert assert_consistent(author) == 201 + points


def test_a_penalty_below_one_is_recorded_clipped(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    event = services.record(user=author, reason=rules.FLAG_UPHELD, source_key="flag:1")
    assert event.base_points == -100
    assert event.points == -10
    assert assert_consistent(author) == 1


def test_everyone_starts_at_one(author):
    assert reputation_of(author) == 1


@pytest.mark.parametrize(
    "reason",
    [rules.ANSWER_UPVOTED, rules.QUESTION_UPVOTED, rules.ANSWER_ACCEPTED, rules.ANSWER_VERIFIED],
)
def test_no_points_for_your_own_posts(author, reason):
    assert services.record(user=author, reason=reason, source_key="s:1", actor=author) is None
    assert assert_consistent(author) == 1


def test_recording_the_same_source_twice_counts_once(author, voter):
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    again = services.record(
        user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter
    )
    assert again is None
    assert assert_consistent(author) == 11


def test_an_accept_pays_the_answerer_and_the_asker(author, voter):
    services.record(user=author, reason=rules.ANSWER_ACCEPTED, source_key="accept:5", actor=voter)
    services.record(user=voter, reason=rules.ACCEPTED_ASKER, source_key="accept:5", actor=author)
    assert reputation_of(author) == 16
    assert reputation_of(voter) == 3


def test_points_can_be_overridden_in_settings(author, voter, settings):
    settings.GAMIFICATION = {"POINTS": {rules.ANSWER_UPVOTED: 7}}
    services.record(user=author, reason=rules.ANSWER_UPVOTED, source_key="vote:1", actor=voter)
    assert assert_consistent(author) == 8


def test_facts_are_kept_but_the_visitor_key_only_as_a_hash(author, voter):
    event = services.record(
        user=author,
        reason=rules.ANSWER_UPVOTED,
        source_key="vote:1",
        actor=voter,
        facts={"tags": ["Bezorging", "retour"], "product": "koffiezetter", "visitor_key": "abc"},
    )
    assert event.facts == {"tags": ["Bezorging", "retour"], "product": "koffiezetter"}
    assert event.tags == "|bezorging|retour|"
    assert event.product == "koffiezetter"


def test_an_unknown_reason_is_a_programming_error(author):
    with pytest.raises(ValueError):
        services.record(user=author, reason="nonsense", source_key="x")


def _staff():
    from tests.factories import UserFactory

    return UserFactory(is_staff=True)
