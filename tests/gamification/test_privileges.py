"""Levels unlock privileges; moderators and staff have them all; messages are readable."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.utils import translation

from gamification import levels, privileges, services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def member_with(points):
    member = UserFactory()
    if points > 1:
        services.grant_points(
            user=member, points=points - 1, by=UserFactory(is_staff=True), why="test"
        )
    return UserFactory._meta.model.objects.get(pk=member.pk)


@pytest.mark.parametrize(
    ("privilege", "needed"),
    [
        (privileges.ASK, 1),
        (privileges.ANSWER, 1),
        (privileges.VOTE_UP, 15),
        (privileges.FLAG, 15),
        (privileges.COMMENT_EVERYWHERE, 50),
        (privileges.VOTE_DOWN, 125),
        (privileges.EDIT_OTHERS_REVIEWED, 500),
        (privileges.SEE_VOTE_COUNTS, 1000),
        (privileges.REVIEW_FIRST_POSTS, 1000),
        (privileges.EDIT_WITHOUT_REVIEW, 2000),
        (privileges.VOTE_CLOSE, 3000),
    ],
)
def test_each_privilege_unlocks_at_its_reputation(privilege, needed):
    if needed > 1:
        assert not privileges.has_privilege(member_with(needed - 1), privilege)
    assert privileges.has_privilege(member_with(needed), privilege)


def test_moderators_and_superusers_have_every_privilege():
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name="Community moderators")[0])
    for user in [moderator, UserFactory(is_superuser=True)]:
        assert privileges.has_privilege(user, privileges.VOTE_CLOSE)


def test_staff_status_alone_earns_privileges_like_anyone():
    """Editors and customer service (staff) are not moderators: reputation decides."""
    assert not privileges.has_privilege(UserFactory(is_staff=True), privileges.VOTE_CLOSE)


def test_anonymous_and_inactive_users_have_none():
    assert not privileges.has_privilege(AnonymousUser(), privileges.ASK)
    assert not privileges.has_privilege(UserFactory(is_active=False), privileges.ASK)


def test_require_privilege_explains_in_dutch():
    with translation.override("nl"), pytest.raises(PermissionDenied) as refused:
        privileges.require_privilege(member_with(1), privileges.VOTE_DOWN)
    assert "125" in str(refused.value)


def test_privilege_hint_says_what_unlocks_it():
    with translation.override("en"):
        assert privileges.privilege_hint(privileges.VOTE_DOWN) == "Unlocks at 125 reputation"


def test_unknown_privilege_is_a_programming_error():
    with pytest.raises(ValueError):
        privileges.has_privilege(UserFactory(), "fly")


@pytest.mark.parametrize(
    ("total", "number", "progress"),
    [(1, 1, 0), (14, 1, 92), (15, 2, 0), (125, 4, 0), (3000, 8, 100), (99999, 8, 100)],
)
def test_levels_by_reputation(total, number, progress):
    assert levels.level_for(total).number == number
    assert levels.progress(total) == progress


def test_levels_have_dutch_and_english_names():
    for code in ["nl", "en"]:
        with translation.override(code):
            names = [str(level.name) for level in levels.LEVELS]
        assert len(set(names)) == len(levels.LEVELS)
