"""Demo loyalty rewards for `manage.py seed_demo`. Levels and badges live in code;
members' reputation comes from community's demo content (orders 40-49), recorded through
`gamification.services` like any real vote or accept."""

from .models import Reward, RewardCode

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


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [(30, "loyalty rewards", seed_rewards)]
