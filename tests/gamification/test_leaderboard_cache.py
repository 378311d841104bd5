"""The leaderboard is cached, but new or reversed points show on the very next request: each
ledger write that moves points replaces the leaderboard version once it commits."""

import pytest
from django.urls import reverse
from django.utils import translation

from gamification import rules, selectors, services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def long_cache(settings):
    # A cache that would otherwise keep a stale board for an hour.
    settings.GAMIFICATION = {"LEADERBOARD_SECONDS": 3600}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed (the test's own transaction never does)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def board(client, period="week"):
    with translation.override("en"):
        path = reverse("gamification:leaderboard")
    return [(row.name, row.points) for row in client.get(path, {"period": period}).context["rows"]]


def test_points_recorded_show_on_the_next_request(client, home_pages, committed):
    helper, voter = UserFactory(display_name="Hulpvaardig"), UserFactory()
    assert board(client) == [] and board(client, "all") == []
    with committed():
        services.record(user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:1", actor=voter)
    assert board(client) == [("Hulpvaardig", 10)]
    assert board(client, "all") == [("Hulpvaardig", 11)]


def test_reversed_points_leave_the_board_on_the_next_request(client, home_pages, committed):
    helper, voter = UserFactory(display_name="Hulpvaardig"), UserFactory()
    with committed():
        services.record(user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:1", actor=voter)
    assert board(client) == [("Hulpvaardig", 10)]
    with committed():
        services.revert(source_key="v:1")
    assert board(client) == []


def test_points_granted_by_staff_show_on_the_next_request(client, home_pages, committed):
    helper = UserFactory(display_name="Hulpvaardig")
    assert board(client, "all") == []
    with committed():
        services.grant_points(user=helper, points=40, by=UserFactory(is_staff=True), why="x")
    assert board(client, "all") == [("Hulpvaardig", 41)]


def test_the_board_is_kept_until_the_write_commits(
    client, home_pages, django_capture_on_commit_callbacks
):
    helper, voter = UserFactory(), UserFactory()
    assert board(client) == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.record(user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:1", actor=voter)
    assert board(client) == []  # Not committed yet: other requests keep the cached board.
    for callback in callbacks:
        callback()
    assert len(board(client)) == 1


def test_an_unchanged_board_is_served_from_the_cache(home_pages, django_assert_num_queries):
    selectors.leaderboard(period="week")
    with django_assert_num_queries(0):
        selectors.leaderboard(period="week")
