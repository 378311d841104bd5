"""Ledger assertions shared by the gamification tests."""

from django.db.models import Sum

from gamification.models import Reputation, ReputationEvent


def ledger_total(user) -> int:
    live = ReputationEvent.objects.live().filter(user=user)
    return 1 + (live.aggregate(s=Sum("points"))["s"] or 0)


def stored_total(user) -> int:
    return Reputation.objects.filter(user=user).values_list("total", flat=True).first() or 1


def assert_consistent(user) -> int:
    total = stored_total(user)
    assert total == ledger_total(user)
    assert total >= 1
    return total
