"""Reads for pages and for other apps. Each docstring says how many queries it costs."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation

from . import levels
from .badges import BADGES, BY_SLUG, Badge
from .models import BadgeAward, Reputation, ReputationEvent, RewardCode
from .rules import STARTING_REPUTATION

PERIODS = ("week", "month", "all")


def reputation_of(user) -> int:
    """The member's total (1 if they have no ledger yet). One query, then cached on the user
    object for the rest of the request; `services.record` keeps that cache current."""
    if not getattr(user, "pk", None):
        return STARTING_REPUTATION
    if not hasattr(user, "_gamification_reputation"):
        total = Reputation.objects.filter(user_id=user.pk).values_list("total", flat=True).first()
        user._gamification_reputation = total or STARTING_REPUTATION
    return user._gamification_reputation


def level_of(user) -> levels.Level:
    """The member's level (the query of `reputation_of`, at most)."""
    return levels.level_for(reputation_of(user))


@dataclass(frozen=True)
class Award:
    badge: Badge
    award: BadgeAward


def unseen_awards(user) -> list[Award]:
    """Badges the member earned and has not yet been told about, newest first. One query."""
    if not getattr(user, "pk", None):
        return []
    awards = BadgeAward.objects.filter(user_id=user.pk, seen_at__isnull=True)
    return [Award(BY_SLUG[a.badge], a) for a in awards if a.badge in BY_SLUG]


def annotate_flair(users) -> None:
    """Cache reputation and badge counts on each user object so `{% user_flair %}` costs no
    queries in a list of posts. Two queries for any number of users."""
    users = [u for u in users if getattr(u, "pk", None)]
    ids = {u.pk for u in users}
    if not ids:
        return
    totals = dict(Reputation.objects.filter(user_id__in=ids).values_list("user_id", "total"))
    counts = defaultdict(Counter)
    rows = (
        BadgeAward.objects.filter(user_id__in=ids)
        .order_by()
        .values_list("user_id", "badge")
        .annotate(n=Count("id"))
    )
    for user_id, slug, n in rows:
        if slug in BY_SLUG:
            counts[user_id][BY_SLUG[slug].tier] += n
    for user in users:
        user._gamification_reputation = totals.get(user.pk, STARTING_REPUTATION)
        user._gamification_badge_counts = dict(counts[user.pk])


def badge_counts(user) -> dict[str, int]:
    """{"bronze": n, "silver": n, "gold": n} for one member; one query unless annotated."""
    if not hasattr(user, "_gamification_badge_counts"):
        annotate_flair([user])
    return user._gamification_badge_counts


def badges_of(member) -> list[tuple[Badge, int]]:
    """The member's badges with how often each was earned, in catalogue order. One query."""
    held = Counter(BadgeAward.objects.filter(user_id=member.pk).values_list("badge", flat=True))
    return [(badge, held[badge.slug]) for badge in BADGES if held[badge.slug]]


@dataclass
class ProfileSummary:
    total: int
    level: levels.Level
    next_level: levels.Level | None
    progress: int
    badges: list[tuple[Badge, int]]
    history: list[tuple[dt.date, int]]
    rewards: list[RewardCode]


def profile_summary(member, *, viewer=None, days: int = 90) -> ProfileSummary:
    """Everything the profile's reputation section shows. Three queries (total, badges,
    history), plus one for the private rewards when `viewer` is `member`."""
    total = reputation_of(member)
    rewards = []
    if viewer is not None and getattr(viewer, "pk", None) == member.pk:
        rewards = list(
            RewardCode.objects.filter(granted_to_id=member.pk)
            .select_related("reward")
            .order_by("-granted_at")
        )
    return ProfileSummary(
        total=total,
        level=levels.level_for(total),
        next_level=levels.next_level(total),
        progress=levels.progress(total),
        badges=badges_of(member),
        history=reputation_history(member, total=total, days=days),
        rewards=rewards,
    )


def reputation_history(member, *, total: int, days: int = 90) -> list[tuple[dt.date, int]]:
    """The member's total at the end of each of the last `days` days. One query: the daily
    sums of live events, walked back from today's total."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=days - 1)
    sums = dict(
        ReputationEvent.objects.live()
        .filter(user_id=member.pk, day__gte=start)
        .order_by()
        .values("day")
        .annotate(s=Sum("points"))
        .values_list("day", "s")
    )
    history, running = [], total
    for offset in range(days):
        day = today - dt.timedelta(days=offset)
        history.append((day, running))
        running -= sums.get(day, 0)
    return history[::-1]


@dataclass(frozen=True)
class BadgeListing:
    badge: Badge
    awarded: int
    recent: list


def badge_catalogue(*, recent: int = 5) -> list[BadgeListing]:
    """Every badge with how often it was awarded and its `recent` most recent earners. Two
    queries: counts per badge, and each badge's newest awards with their users (a window
    function ranks the awards within each badge)."""
    counts = dict(
        BadgeAward.objects.order_by()
        .values("badge")
        .annotate(n=Count("id"))
        .values_list("badge", "n")
    )
    latest = defaultdict(list)
    newest_first = [F("awarded_at").desc(), F("id").desc()]
    ranked = (
        BadgeAward.objects.select_related("user")
        .filter(user__is_active=True)
        .annotate(place=Window(RowNumber(), partition_by=F("badge"), order_by=newest_first))
        .filter(place__lte=recent)
        .order_by("badge", "place")
    )
    for award in ranked:
        latest[award.badge].append(award)
    return [BadgeListing(b, counts.get(b.slug, 0), latest[b.slug]) for b in BADGES]


@dataclass(frozen=True)
class LeaderRow:
    rank: int
    user_id: int
    name: str
    url: str
    points: int


def leaderboard(
    *,
    period: str = "week",
    tag: str = "",
    product: str = "",
    limit: int = 20,
    include_staff: bool = False,
) -> list[LeaderRow]:
    """The top members by reputation earned this week, this month or all time, optionally
    within one tag or product. Staff are left out unless asked for. Cached for
    GAMIFICATION["LEADERBOARD_SECONDS"] (default 300) per language; on a miss two queries."""
    if period not in PERIODS:
        raise ValueError(f"Unknown leaderboard period {period!r}")
    tag, product = tag.strip().lower(), product.strip().lower()
    key = ":".join(
        ["gamification:leaderboard", period, tag, product, str(limit), str(include_staff),
         translation.get_language() or ""]
    )  # fmt: skip
    rows = cache.get(key)
    if rows is None:
        rows = _leaderboard(period, tag, product, limit, include_staff)
        seconds = getattr(settings, "GAMIFICATION", {}).get("LEADERBOARD_SECONDS", 300)
        cache.set(key, rows, seconds)
    return rows


def period_start(period: str) -> dt.datetime | None:
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        return midnight - dt.timedelta(days=midnight.weekday())
    if period == "month":
        return midnight.replace(day=1)
    return None


def _leaderboard(period, tag, product, limit, include_staff) -> list[LeaderRow]:
    staff = Q(user__is_staff=True) | Q(user__is_superuser=True) | Q(user__is_active=False)
    start = period_start(period)
    if start is None and not tag and not product:
        reputations = Reputation.objects.filter(total__gt=STARTING_REPUTATION)
        if not include_staff:
            reputations = reputations.exclude(staff)
        ranked = [
            (r.user, r.total)
            for r in reputations.select_related("user").order_by("-total", "user_id")[:limit]
        ]
    else:
        events = ReputationEvent.objects.live()
        if start is not None:
            events = events.filter(created_at__gte=start)
        if tag:
            events = events.filter(tags__contains=f"|{tag}|")
        if product:
            events = events.filter(product=product)
        if not include_staff:
            events = events.exclude(staff)
        sums = list(
            events.order_by()
            .values("user_id")
            .annotate(points=Sum("points"))
            .filter(points__gt=0)
            .order_by("-points", "user_id")
            .values_list("user_id", "points")[:limit]
        )
        users = get_user_model().objects.in_bulk([user_id for user_id, _ in sums])
        ranked = [(users[user_id], points) for user_id, points in sums if user_id in users]
    return [
        LeaderRow(rank, user.pk, str(user), user.get_absolute_url(), points)
        for rank, (user, points) in enumerate(ranked, start=1)
    ]
