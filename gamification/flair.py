"""Flair: what pages show beside a member's name (level, reputation, top badge, role).

`flair_for(user_ids)` is the one read; it costs one query for any number of members, so a
page collects its authors' ids and asks once. Cached whole pages (vraagbaak.page_cache) keep
the flair they were rendered with until they expire: a logged-out visitor may see a
reputation up to PAGE_CACHE_SECONDS old; members always get fresh pages.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Case, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from . import levels
from .badges import BADGES, BRONZE, BY_SLUG, GOLD, SILVER, Badge
from .models import BadgeAward, Reputation
from .privileges import CUSTOMER_SERVICE_GROUP, MODERATORS_GROUP
from .rules import STARTING_REPUTATION

MODERATOR, CUSTOMER_SERVICE, STAFF = "moderator", "customer_service", "staff"
ROLE_LABELS = {
    MODERATOR: _("Moderator"),
    CUSTOMER_SERVICE: _("Customer service"),
    STAFF: _("Staff"),
}
_TIER_RANK = {GOLD: 3, SILVER: 2, BRONZE: 1}


@dataclass(frozen=True)
class Flair:
    reputation: int
    level: levels.Level
    top_badge: Badge | None
    role: str = ""

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, ""))


def _tier_rank():
    """The badge's tier as a number, in SQL: gold badges first."""
    return Case(
        *[When(badge=b.slug, then=Value(_TIER_RANK[b.tier])) for b in BADGES],
        default=Value(0),
        output_field=IntegerField(),
    )


def _in_group(name: str):
    return Exists(Group.objects.filter(name=name, user=OuterRef("pk")))


def flair_for(user_ids) -> dict[int, Flair]:
    """{user id: Flair} for the given ids (unknown ids are left out). One query: the
    reputation total, the highest-tier badge (most recent first among equals) and the role
    come as subqueries of one SELECT on the users. Moderators (superusers and the moderators
    group) are marked before customer service, customer service before other staff."""
    ids = {pk for pk in user_ids if pk}
    if not ids:
        return {}
    top = (
        BadgeAward.objects.filter(user=OuterRef("pk"))
        .annotate(rank=_tier_rank())
        .order_by("-rank", "-awarded_at", "-id")
        .values("badge")[:1]
    )
    total = Reputation.objects.filter(user=OuterRef("pk")).values("total")[:1]
    rows = (
        get_user_model()
        .objects.filter(pk__in=ids)
        .annotate(
            flair_total=Subquery(total),
            flair_badge=Subquery(top),
            flair_moderator=_in_group(MODERATORS_GROUP),
            flair_service=_in_group(CUSTOMER_SERVICE_GROUP),
        )
        .values_list(
            "pk", "flair_total", "flair_badge", "flair_moderator", "flair_service",
            "is_staff", "is_superuser",
        )
    )
    result = {}
    for pk, total, badge, moderator, service, is_staff, is_superuser in rows:
        total = total or STARTING_REPUTATION
        result[pk] = Flair(
            reputation=total,
            level=levels.level_for(total),
            top_badge=BY_SLUG.get(badge),
            role=_role(moderator or is_superuser, service, is_staff),
        )
    return result


def _role(moderator: bool, service: bool, staff: bool) -> str:
    if moderator:
        return MODERATOR
    if service:
        return CUSTOMER_SERVICE
    return STAFF if staff else ""
