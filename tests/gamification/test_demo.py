"""The demo rewards can be seeded more than once."""

import pytest

from gamification.demo import seed_rewards
from gamification.models import Reward, RewardCode

pytestmark = pytest.mark.django_db


def test_seeding_rewards_is_idempotent():
    seed_rewards()
    seed_rewards()
    assert Reward.objects.count() == 2
    assert RewardCode.objects.count() == 32
