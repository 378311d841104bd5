"""Rewards are granted automatically, exactly once, from the pool of codes."""

import datetime as dt

import pytest
from django.utils import timezone

from gamification import rewards, rules, services
from gamification.models import Reward, RewardCode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reward(kind="threshold", threshold=50, codes=("KORTING-1", "KORTING-2")):
    r = Reward.objects.create(name="10% korting", kind=kind, threshold=threshold)
    for code in codes:
        RewardCode.objects.create(reward=r, code=code)
    return r


def earn(user, points):
    services.grant_points(user=user, points=points, by=UserFactory(is_staff=True), why="test")


def test_reaching_the_threshold_grants_a_code_once(author):
    r = reward()
    earn(author, 48)
    assert not RewardCode.objects.filter(granted_to=author).exists()
    earn(author, 1)
    earn(author, 100)
    code = RewardCode.objects.get(granted_to=author)
    assert (code.reward, code.code) == (r, "KORTING-1")
    assert code.granted_at is not None


def test_falling_below_and_rising_again_does_not_grant_twice(author):
    reward()
    earn(author, 60)
    earn(author, -30)
    earn(author, 30)
    assert RewardCode.objects.filter(granted_to=author).count() == 1


def test_an_empty_pool_grants_nothing(author):
    reward(codes=())
    earn(author, 100)
    assert not RewardCode.objects.filter(granted_to=author).exists()


def test_inactive_rewards_are_not_granted(author):
    r = reward()
    r.active = False
    r.save()
    earn(author, 100)
    assert not RewardCode.objects.filter(granted_to=author).exists()


def test_the_months_top_helper_gets_the_monthly_reward_once(author, voter):
    r = reward(kind="monthly_top", threshold=None)
    staff = UserFactory(is_staff=True)
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    at = timezone.make_aware(dt.datetime(last_month.year, last_month.month, 2, 12))
    services.record(user=author, reason=rules.ANSWER_ACCEPTED, source_key="a:1", actor=voter, at=at)
    services.record(user=staff, reason=rules.ANSWER_ACCEPTED, source_key="a:2", actor=voter, at=at)
    services.record(user=staff, reason=rules.ANSWER_VERIFIED, source_key="a:2", actor=voter, at=at)
    granted = rewards.grant_monthly_rewards(month=last_month)
    assert [(c.reward, c.granted_to, c.period) for c in granted] == [
        (r, author, last_month.strftime("%Y-%m"))
    ]
    assert rewards.grant_monthly_rewards(month=last_month) == []
    assert RewardCode.objects.filter(granted_to__isnull=False).count() == 1


def test_a_threshold_reward_needs_its_threshold():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Reward(name="x", kind="threshold").full_clean()
