"""Loyalty rewards: codes from a pool, granted automatically and exactly once.

A threshold reward goes to every member who reaches its reputation; a monthly reward goes to
the month's top helper (by reputation earned that month, staff excluded). The granted
`RewardCode` row is the record of who got what and when; each grant is also logged.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from .models import ReputationEvent, Reward, RewardCode

log = logging.getLogger(__name__)


def grant_threshold_rewards(*, user, total: int) -> list[RewardCode]:
    """Grant each active threshold reward `user` has reached and not yet received. Runs
    inside `services.record` with the user's Reputation row locked. One query when there is
    nothing to grant."""
    due = (
        Reward.objects.filter(active=True, kind=Reward.Kind.THRESHOLD, threshold__lte=total)
        .exclude(codes__granted_to=user)
        .order_by("threshold", "pk")
    )
    return [code for reward in due if (code := grant(reward=reward, user=user))]


def grant(*, reward: Reward, user, period: str = "") -> RewardCode | None:
    """Give `user` the next free code of `reward` (for `period`, "" for threshold rewards).
    None when the pool is empty or the reward was already granted (the unique constraints on
    RewardCode make a second grant impossible)."""
    with transaction.atomic():
        code = (
            RewardCode.objects.select_for_update()
            .filter(reward=reward, granted_to__isnull=True)
            .order_by("pk")
            .first()
        )
        if code is None:
            log.warning("Reward %s has no codes left for %s", reward.pk, user.pk)
            return None
        try:
            with transaction.atomic():
                code.granted_to, code.granted_at, code.period = user, timezone.now(), period
                code.save(update_fields=["granted_to", "granted_at", "period"])
        except IntegrityError:
            return None  # Granted already (concurrently): exactly once.
    log.info("Granted reward %s code %s to member %s (%s)", reward.pk, code.pk, user.pk, period)
    return code


def month_top_helper(month: dt.date):
    """The member who earned the most reputation in `month` (staff excluded), or None."""
    start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
    end = timezone.make_aware(dt.datetime(month.year + month.month // 12, month.month % 12 + 1, 1))
    staff = Q(user__is_staff=True) | Q(user__is_superuser=True) | Q(user__is_active=False)
    top = (
        ReputationEvent.objects.live()
        .filter(created_at__gte=start, created_at__lt=end)
        .exclude(staff)
        .order_by()
        .values("user")
        .annotate(points=Sum("points"))
        .filter(points__gt=0)
        .order_by("-points", "user")
        .first()
    )
    if top is None:
        return None
    return ReputationEvent.objects.filter(user_id=top["user"]).first().user


@transaction.atomic
def grant_monthly_rewards(*, month: dt.date) -> list[RewardCode]:
    """Grant each active monthly reward to `month`'s top helper, once per month. Safe to
    run again (the daily job runs it for last month every day)."""
    winner = month_top_helper(month)
    if winner is None:
        return []
    period = month.strftime("%Y-%m")
    rewards = Reward.objects.filter(active=True, kind=Reward.Kind.MONTHLY_TOP).exclude(
        codes__period=period, codes__granted_to__isnull=False
    )
    return [
        code for reward in rewards if (code := grant(reward=reward, user=winner, period=period))
    ]
