"""Reads for pages and for other apps. Each states how many queries it costs."""

from .models import Reputation
from .rules import STARTING_REPUTATION


def reputation_of(user) -> int:
    """The member's total (1 if they have no ledger yet). One query, then cached on the user
    object for the rest of the request; `services.record` keeps that cache current."""
    if not getattr(user, "pk", None):
        return STARTING_REPUTATION
    if not hasattr(user, "_gamification_reputation"):
        total = Reputation.objects.filter(user_id=user.pk).values_list("total", flat=True).first()
        user._gamification_reputation = total or STARTING_REPUTATION
    return user._gamification_reputation
