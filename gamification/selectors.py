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

from . import leaderboard_cache, levels, progress
from .badges import BADGES, BY_SLUG, Badge
from .models import BadgeAward, Reputation, ReputationEvent, RewardCode
from .progress import Progress
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


@dataclass(frozen=True)
class MemberBadge:
    badge: Badge
    count: int
    first_awarded: dt.datetime
    last_awarded: dt.datetime


def member_badges(member) -> list[MemberBadge]:
    """The member's badges with how often and when they were first and last earned, newest
    first. One query."""
    found: dict[str, list] = {}
    awards = BadgeAward.objects.filter(user_id=member.pk).order_by("awarded_at", "id")
    for slug, at in awards.values_list("badge", "awarded_at"):
        if slug in BY_SLUG:
            found.setdefault(slug, []).append(at)
    badges = [MemberBadge(BY_SLUG[slug], len(ats), ats[0], ats[-1]) for slug, ats in found.items()]
    return sorted(badges, key=lambda b: (b.last_awarded, b.badge.slug), reverse=True)


@dataclass(frozen=True)
class BadgeGoal:
    badge: Badge
    progress: Progress


def next_badges(member, *, held: set[str], limit: int = 3) -> list[BadgeGoal]:
    """The `limit` badges `member` does not hold yet and is closest to, with their progress.
    The three queries of `progress.measures`."""
    values = progress.measures(member)
    goals = [
        BadgeGoal(badge, progress.progress_for(badge.slug, values))
        for badge in BADGES
        if badge.slug not in held
    ]
    goals.sort(key=lambda g: -g.progress.percent)  # Stable: catalogue order breaks ties.
    return goals[:limit]


@dataclass
class ProfileSummary:
    total: int
    level: levels.Level
    next_level: levels.Level | None
    progress: int
    badges: list[MemberBadge]
    next_badges: list[BadgeGoal]
    history: list[tuple[dt.date, int]]
    recent_events: list[ReputationEvent]
    rewards: list[RewardCode]


def profile_summary(member, *, viewer=None, days: int = 90) -> ProfileSummary:
    """Everything the profile's reputation section shows. Seven queries (total, badges,
    history, recent events and the three of `next_badges`), plus one for the private rewards
    when `viewer` is `member`."""
    total = reputation_of(member)
    rewards = []
    if viewer is not None and getattr(viewer, "pk", None) == member.pk:
        rewards = list(
            RewardCode.objects.filter(granted_to_id=member.pk)
            .select_related("reward")
            .order_by("-granted_at")
        )
    badges = member_badges(member)
    return ProfileSummary(
        total=total,
        level=levels.level_for(total),
        next_level=levels.next_level(total),
        progress=levels.progress(total),
        badges=badges,
        next_badges=next_badges(member, held={b.badge.slug for b in badges}),
        history=reputation_history(member, total=total, days=days),
        recent_events=recent_events(member),
        rewards=rewards,
    )


def recent_events(member, *, limit: int = 10) -> list[ReputationEvent]:
    """The member's latest standing events that moved their total, newest first. One query."""
    return list(
        ReputationEvent.objects.live()
        .filter(user_id=member.pk)
        .exclude(points=0)
        .order_by("-created_at", "-id")[:limit]
    )


def history_chart(history: list[tuple[dt.date, int]]) -> dict:
    """Chart.js data for a reputation history (labels are ISO dates, the script formats
    them), and the rows for the table beside it: the first day, each day the total changed,
    and today. No queries."""
    rows = [
        (day, total)
        for i, (day, total) in enumerate(history)
        if i in (0, len(history) - 1) or total != history[i - 1][1]
    ]
    return {
        "labels": [day.isoformat() for day, _ in history],
        "values": [total for _, total in history],
        "rows": rows,
    }


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
    # For the signed-in viewer: how often they earned it, and their progress when they have not.
    held: int = 0
    progress: Progress | None = None


def badge_catalogue(*, recent: int = 5, viewer=None) -> list[BadgeListing]:
    """Every badge with how often it was awarded and its `recent` most recent earners; with a
    signed-in `viewer`, also their own awards and progress. Two queries (counts per badge,
    and each badge's newest awards with their users, ranked by a window function within each
    badge), plus four for a viewer (their awards and the three of `progress.measures`)."""
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
    held, values = Counter(), None
    if getattr(viewer, "is_authenticated", False):
        held = Counter(BadgeAward.objects.filter(user_id=viewer.pk).values_list("badge", flat=True))
        values = progress.measures(viewer)
    return [
        BadgeListing(
            b,
            counts.get(b.slug, 0),
            latest[b.slug],
            held=held[b.slug],
            progress=progress.progress_for(b.slug, values) if values is not None else None,
        )
        for b in BADGES
    ]


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
    GAMIFICATION["LEADERBOARD_SECONDS"] (default 300) per language under the current
    leaderboard version, which every ledger write that moves points replaces after commit
    (see `leaderboard_cache`): new points show on the next request. On a miss two queries."""
    if period not in PERIODS:
        raise ValueError(f"Unknown leaderboard period {period!r}")
    tag, product = tag.strip().lower(), product.strip().lower()
    key = ":".join(
        ["gamification:leaderboard", leaderboard_cache.current_version(), period, tag, product,
         str(limit), str(include_staff), translation.get_language() or ""]
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
