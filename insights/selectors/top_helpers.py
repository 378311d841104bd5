"""The community's top helpers of a period, read from gamification's ledger: the members whose
answers were accepted, verified by customer service or up-voted, ranked by the reputation
points those earned (the ledger's points: after the daily vote cap, reversals left out)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.urls import reverse

from gamification import rules
from gamification.models import ReputationEvent

from ..services import day_bounds
from .figures import Period

MAX_HELPERS = 10
HELPFUL = (rules.ANSWER_ACCEPTED, rules.ANSWER_VERIFIED, rules.ANSWER_UPVOTED)


@dataclass
class Helper:
    user_id: int
    name: str
    url: str  # the member's public profile
    is_staff: bool
    accepted: int
    verified: int
    upvotes: int
    points: int


def top_helpers(period: Period, *, limit: int = MAX_HELPERS) -> list[Helper]:
    """Up to `limit` active members with the most points from accepted, verified and up-voted
    answers in `period`, most first (ties: more accepted, then the name). Staff are listed
    and marked. One query."""
    start, end = day_bounds(period.first)[0], day_bounds(period.last)[1]
    rows = (
        ReputationEvent.objects.live()
        .filter(created_at__gte=start, created_at__lt=end, reason__in=HELPFUL,
                user__is_active=True)
        .order_by()
        .values("user_id", "user__username", "user__display_name", "user__is_staff",
                "user__is_superuser")
        .annotate(
            accepted=Count("pk", filter=Q(reason=rules.ANSWER_ACCEPTED)),
            verified=Count("pk", filter=Q(reason=rules.ANSWER_VERIFIED)),
            upvotes=Count("pk", filter=Q(reason=rules.ANSWER_UPVOTED)),
            earned=Sum("points"),
        )
        .order_by("-earned", "-accepted", "user__username")[:limit]
    )
    return [
        Helper(
            user_id=row["user_id"], name=row["user__display_name"] or row["user__username"],
            url=reverse("community:profile", kwargs={"username": row["user__username"]}),
            is_staff=row["user__is_staff"] or row["user__is_superuser"],
            accepted=row["accepted"], verified=row["verified"], upvotes=row["upvotes"],
            points=row["earned"] or 0,
        )
        for row in rows
    ]
