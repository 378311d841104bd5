"""Counting who saw a help page, for the helpfulness report's "views".

Pages are served from the page cache without running any of our code, so the count comes
from a 1×1 image in the feedback box (`kb:page_seen`), which the browser asks for on every
view. A visitor (their visitor key, else a keyed hash of their address) counts once per page
per day; the dedupe key lives in the cache until the day ends. Nothing identifying is stored.
"""

from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PageViewDay

SECONDS_PER_DAY = 24 * 60 * 60


def count_view(*, page_id: int, visitor: str, today: date | None = None) -> bool:
    """Adds one view of `page_id` today unless `visitor` was counted there today; True when it
    counted. One cache call, then one UPDATE (an INSERT on the day's first view)."""
    today = today or timezone.localdate()
    if not cache.add(f"kb:seen:{page_id}:{today.isoformat()}:{visitor}", 1, SECONDS_PER_DAY):
        return False
    rows = PageViewDay.objects.filter(page_id=page_id, day=today)
    if not rows.update(views=F("views") + 1):
        try:
            with transaction.atomic():
                PageViewDay.objects.create(page_id=page_id, day=today, views=1)
        except IntegrityError:  # another request created the day's row first
            rows.update(views=F("views") + 1)
    return True
