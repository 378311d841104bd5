"""Demo loyalty rewards and badge history for `manage.py seed_demo`. Levels and badges live
in code; members' reputation comes from community's demo content (orders 40-49), recorded
through `gamification.services` like any real vote or accept.

A fresh demo is a few weeks old, so badges that take months (50 accepted answers, 100 shoppers
helped) would read "awarded 0 times". `seed_badge_history` (order 49, after the community
content and its timeline) gives each badge nobody has earned to a few of the most active demo
members, as if they had earned it since their first activity, through `services.award_badge`.
"""

import datetime as dt

from django.db.models import Min
from django.utils import timezone

from . import services
from .badges import BADGES, GOLD, SILVER
from .models import BadgeAward, Reputation, ReputationEvent, Reward, RewardCode

# How many demo members hold each unearned badge, by tier: gold stays rare.
HOLDERS = {GOLD: 1, SILVER: 2}
DEFAULT_HOLDERS = 3

REWARDS = [
    {
        "name": "10% korting voor toppers",
        "description": "Gebruik deze code bij het afrekenen in de webshop. Eén keer te gebruiken.",
        "kind": Reward.Kind.THRESHOLD,
        "threshold": 1000,
        "codes": [f"BEDANKT10-{n:03d}" for n in range(1, 21)],
    },
    {
        "name": "Cadeaubon van € 25 voor de helper van de maand",
        "description": "Je was deze maand de beste helper van de community. Dank je wel!",
        "kind": Reward.Kind.MONTHLY_TOP,
        "threshold": None,
        "codes": [f"HELDVANDEMAAND-{n:02d}" for n in range(1, 13)],
    },
]


def seed_rewards() -> list[Reward]:
    """Create the demo rewards and their code pools when missing; never touches codes that
    were already granted."""
    rewards = []
    for spec in REWARDS:
        reward, _ = Reward.objects.get_or_create(
            name=spec["name"],
            defaults={k: spec[k] for k in ("description", "kind", "threshold")},
        )
        existing = set(reward.codes.values_list("code", flat=True))
        RewardCode.objects.bulk_create(
            [RewardCode(reward=reward, code=c) for c in spec["codes"] if c not in existing]
        )
        rewards.append(reward)
    return rewards


def seed_badge_history() -> list[BadgeAward]:
    """Give every badge nobody holds to 1-3 of the most reputable active members who are not
    staff (taking turns, so the badges spread over several members), dated over the past
    months and already seen. Badges someone earned are left alone, so running it again
    adds nothing. Returns the new awards."""
    held = set(BadgeAward.objects.order_by().values_list("badge", flat=True).distinct())
    members = [
        r.user
        for r in Reputation.objects.filter(
            user__is_active=True, user__is_staff=False, user__is_superuser=False
        )
        .select_related("user")
        .order_by("-total", "user_id")[:6]
    ]
    if not members:
        return []
    now, awards, turn = timezone.now(), [], 0
    first = dict(
        ReputationEvent.objects.filter(user__in=members)
        .order_by()
        .values("user_id")
        .annotate(at=Min("created_at"))
        .values_list("user_id", "at")
    )
    for number, badge in enumerate(b for b in BADGES if b.slug not in held):
        for _ in range(min(len(members), HOLDERS.get(badge.tier, DEFAULT_HOLDERS))):
            member = members[turn % len(members)]
            # Somewhere between the member's first activity and a few days ago.
            start = max(first.get(member.pk, member.date_joined), member.date_joined)
            share = 0.25 + 0.7 * ((number * 7 + turn * 3) % 100) / 100
            at = min(start + (now - start) * share, now - dt.timedelta(days=2, hours=turn % 24))
            at = max(at, start)
            turn += 1
            award = services.award_badge(
                user=member, badge=badge.slug, award_key="demo", at=at, seen=True
            )
            if award is not None:
                awards.append(award)
    return awards


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [(30, "loyalty rewards", seed_rewards), (49, "badge history", seed_badge_history)]
