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


class TestBadgeHistory:
    """Badges that take months are given to some demo members, so the badge page does not
    read "awarded 0 times" for most of them."""

    def test_every_badge_nobody_earned_goes_to_some_active_members(self):
        from gamification import badges, rules, services
        from gamification.demo import seed_badge_history
        from gamification.models import BadgeAward
        from tests.factories import UserFactory

        staff = UserFactory(is_staff=True)
        members = [UserFactory() for _ in range(4)]
        for n, member in enumerate(members):
            services.grant_points(user=member, points=100 + n, by=staff, why="demo")
        services.grant_points(user=staff, points=5000, by=UserFactory(is_staff=True), why="x")
        services.record(
            user=members[0], reason=rules.QUESTION_ASKED, source_key="q:1", actor=members[0]
        )
        awards = seed_badge_history()
        awarded = set(BadgeAward.objects.values_list("badge", flat=True))
        assert awarded == {b.slug for b in badges.BADGES}
        assert BadgeAward.objects.filter(badge="student").count() == 1  # Earned: left alone.
        assert not BadgeAward.objects.filter(user=staff).exists()
        assert BadgeAward.objects.filter(badge="guru").count() == 1  # Gold stays rare.
        assert BadgeAward.objects.filter(badge="helper").count() == 2
        assert len({a.user_id for a in awards}) == 4
        assert all(a.seen_at is not None for a in awards)
        assert seed_badge_history() == []


def test_after_seed_demo_every_badge_has_been_awarded(client):
    from django.core.management import call_command
    from django.utils import translation

    from gamification.badges import BADGES
    from gamification.models import BadgeAward

    call_command("seed_demo")
    held = set(BadgeAward.objects.values_list("badge", flat=True))
    assert held == {badge.slug for badge in BADGES}
    with translation.override("nl"):
        html = client.get("/nl/badges/").content.decode()
    assert '"muted">0 keer uitgereikt' not in html
    assert html.count("keer uitgereikt") == len(BADGES)
