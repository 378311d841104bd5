"""Which announcements a visitor sees, and remembering the ones they dismissed.

Dismissals live in a signed cookie on the visitor's browser (no account needed, nothing stored
on our side); `active_announcements` leaves them out.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from .models import Announcement, Product

DISMISSED_COOKIE = "vb_dismissed"
DISMISSED_COOKIE_SALT = "kb.announcements.dismissed"
# Enough for every banner a visitor could meet in a year; oldest dismissals drop off first.
MAX_REMEMBERED = 40


CACHE_SECONDS = 60


def active_announcements(
    *,
    language_code: str,
    page: Page | None = None,
    product: Product | None = None,
    dismissed: frozenset[int] | set[int] = frozenset(),
    now=None,
) -> list[Announcement]:
    """Announcements in this language that are running at `now` and match where the visitor is.

    Site-wide ones match everywhere; a category's match the category page and every page below
    it; a product's match the product's page and pages linked to that product (`products`).
    Most severe first, then newest.

    The language's not-yet-ended announcements are cached for a minute (`forget_cached`
    clears them when an editor saves one), and the schedule is checked against `now` on every
    call, so a banner appears and disappears on the second. Costs no query while cached, plus
    one for a page's products only when some product announcement is running.
    """
    now = now or timezone.now()
    running = [
        a for a in _not_ended(language_code, now)
        if a.starts_at <= now and (a.ends_at is None or a.ends_at > now)
        and a.pk not in dismissed
    ]
    product_ids = {product.pk} if product is not None else set()
    if page is not None and any(a.scope == Announcement.Scope.PRODUCT for a in running):
        product_ids |= _linked_product_ids(page)
    matching = [a for a in running if _matches(a, page, product_ids)]
    order = {"critical": 0, "warning": 1, "info": 2}
    return sorted(matching, key=lambda a: (order[a.severity], -a.starts_at.timestamp()))


def forget_cached(language_code: str | None = None) -> None:
    """Drops the cached announcements (of one language, or all) after an edit."""
    codes = [language_code] if language_code else [code for code, _ in settings.LANGUAGES]
    cache.delete_many([_cache_key(code) for code in codes])


def _cache_key(language_code: str) -> str:
    return f"kb:announcements:{language_code}"


def _not_ended(language_code: str, now) -> list[Announcement]:
    rows = cache.get(_cache_key(language_code))
    if rows is None:
        rows = list(
            Announcement.objects.filter(locale__language_code=language_code)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .annotate(category_path=F("category__path"))
        )
        cache.set(_cache_key(language_code), rows, CACHE_SECONDS)
    return rows


def _matches(announcement: Announcement, page: Page | None, product_ids: set[int]) -> bool:
    if announcement.scope == Announcement.Scope.SITE:
        return True
    if announcement.scope == Announcement.Scope.CATEGORY:
        # A treebeard path starts with the paths of all the page's ancestors.
        return page is not None and page.path.startswith(announcement.category_path or "-")
    return announcement.product_id in product_ids


def _linked_product_ids(page: Page) -> set[int]:
    """Ids of the products a page links to through its `products` field, if it has one."""
    try:
        field = type(page)._meta.get_field("products")
    except FieldDoesNotExist:
        return set()
    through = field.remote_field.through
    return set(
        through.objects.filter(**{field.m2m_field_name(): page.pk}).values_list(
            field.m2m_reverse_field_name(), flat=True
        )
    )


def dismissed_from(request) -> set[int]:
    raw = request.get_signed_cookie(DISMISSED_COOKIE, default="", salt=DISMISSED_COOKIE_SALT)
    return {int(part) for part in raw.split(",") if part.isdigit()}


def remember_dismissed(request, response, announcement_id: int) -> None:
    """Adds an announcement to the visitor's dismissed cookie (kept for a year)."""
    kept = [i for i in dismissed_from(request) if i != announcement_id]
    ids = [*sorted(kept)[-(MAX_REMEMBERED - 1):], announcement_id]
    response.set_signed_cookie(
        DISMISSED_COOKIE, ",".join(map(str, ids)), salt=DISMISSED_COOKIE_SALT,
        max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )

