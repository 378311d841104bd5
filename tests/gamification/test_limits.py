"""New accounts post within limits that relax with their level."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from gamification import limits, services
from gamification.privileges import MODERATORS_GROUP, is_moderator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FINE = {"posts_last_24h": 0, "seconds_since_last_post": None, "links": 0, "images": 0}


def check(user, **changes):
    limits.check_posting_limits(user=user, **{**FINE, **changes})


@pytest.mark.parametrize(
    "changes",
    [
        {"posts_last_24h": 10},
        {"seconds_since_last_post": 30},
        {"links": 3},
        {"images": 2},
    ],
)
def test_a_new_account_is_limited(changes):
    with pytest.raises(ValidationError):
        check(UserFactory(), **changes)


def test_a_new_account_within_its_limits_may_post():
    check(UserFactory(), posts_last_24h=9, seconds_since_last_post=61, links=2, images=1)


def test_limits_relax_with_level():
    member = UserFactory()
    services.grant_points(user=member, points=20, by=UserFactory(is_staff=True), why="x")
    check(member, posts_last_24h=20, links=4, images=3)
    services.grant_points(user=member, points=200, by=UserFactory(is_staff=True), why="x")
    check(member, posts_last_24h=500, seconds_since_last_post=0, links=50, images=50)


def test_moderators_have_no_limits():
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    check(moderator, posts_last_24h=500, links=50)


def test_staff_status_alone_is_not_a_moderator():
    assert not is_moderator(UserFactory(is_staff=True))
    assert is_moderator(UserFactory(is_staff=True, is_superuser=True))


def test_the_message_says_how_long_to_wait():
    with pytest.raises(ValidationError) as refused:
        check(UserFactory(), seconds_since_last_post=50.5)
    assert "10" in refused.value.messages[0]
