"""'Was this helpful?': who a visitor is, how often they may vote, and recording the vote.

Visitors are anonymous. A visitor is the site's visitor key (`vraagbaak.visitors`); the
table never stores an IP address. The network address only feeds a keyed hash used as a
rate-limit counter in the cache, so clearing cookies does not lift the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from vraagbaak import visitors
from vraagbaak.http import client_ip
from vraagbaak.throttle import count_hit

from .models.feedback import FeedbackReason, PageFeedback

VISITOR_COOKIE = visitors.COOKIE
# Page types that ask "was this helpful?" (app_label.model).
FEEDBACK_PAGE_TYPES = {"kb.articlepage", "kb.faqpage", "kb.videopage"}
# (votes, seconds): per visitor, and per network address for visitors who drop their cookie.
VISITOR_RATE = (10, 600)
ADDRESS_RATE = (30, 600)
_ENTRY = re.compile(r"^[-a-zA-Z0-9_]{0,64}$")


def visitor_key_from(request) -> str | None:
    """The visitor's key (vraagbaak.visitors owns the cookie), or None when they have none."""
    return visitors.existing_token(request)


def address_key_from(request) -> str:
    """A keyed hash of the client address: good for counting, useless for finding anyone."""
    address = client_ip(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def check_rate_limit(*, visitor_key: str, address_key: str) -> None:
    """Counts one vote attempt; raises PermissionDenied with a friendly message past a limit.

    Counters live in the default cache (shared Redis in production) and expire on their own.
    """
    for scope, key, (limit, window) in (
        ("visitor", visitor_key, VISITOR_RATE),
        ("address", address_key, ADDRESS_RATE),
    ):
        if count_hit(f"kb:feedback-rate:{scope}:{key}", window=window) > limit:
            raise PermissionDenied(
                _("You have sent a lot of feedback in a short time. Please try again later.")
            )


@transaction.atomic
def record_feedback(
    *,
    page: Page,
    visitor_key: str,
    helpful: bool,
    reason: str = "",
    comment: str = "",
    entry: str = "",
) -> PageFeedback:
    """Stores a visitor's vote on a live help page (or one FAQ entry on it).

    One row per (page, entry, visitor): voting again replaces the answer. A reason and comment
    are kept only with a 'no'; switching to 'yes' clears them. Raises ValidationError for a page
    that does not ask for feedback, an unknown reason or an over-long comment.
    """
    if not page.live or _page_type(page) not in FEEDBACK_PAGE_TYPES:
        raise ValidationError(_("This page does not take feedback."))
    if not _ENTRY.match(entry) or (entry and _page_type(page) != "kb.faqpage"):
        raise ValidationError(_("Unknown question on this page."))
    if reason and reason not in FeedbackReason.values:
        raise ValidationError(_("Choose one of the reasons."))
    if helpful:
        reason, comment = "", ""
    feedback = _current_vote(page, entry, visitor_key)
    if feedback is None:
        try:
            # A savepoint: a double click that inserted the same vote first must not spoil
            # the surrounding transaction; we then update that row instead.
            with transaction.atomic():
                return _save(PageFeedback(page=page, entry=entry, visitor_key=visitor_key),
                             helpful, reason, comment)
        except IntegrityError:
            feedback = _current_vote(page, entry, visitor_key)
    if not helpful and not feedback.helpful and not (reason or comment):
        # A second 'no' without details (the no-JS form posting again) keeps earlier details.
        reason, comment = feedback.reason, feedback.comment
    return _save(feedback, helpful, reason, comment)


def _current_vote(page, entry, visitor_key) -> PageFeedback | None:
    return PageFeedback.objects.select_for_update().filter(
        page=page, entry=entry, visitor_key=visitor_key
    ).first()


def _save(feedback: PageFeedback, helpful: bool, reason: str, comment: str) -> PageFeedback:
    feedback.helpful, feedback.reason, feedback.comment = helpful, reason, comment.strip()
    feedback.full_clean(validate_constraints=False)  # the database checks them on save
    feedback.save()
    return feedback


def votes_of(*, visitor_key: str | None, page_id: int) -> dict[str, PageFeedback]:
    """The visitor's votes on one page keyed by FAQ entry ('' for the page), in one query."""
    if not visitor_key:
        return {}
    rows = PageFeedback.objects.filter(page_id=page_id, visitor_key=visitor_key)
    return {row.entry: row for row in rows}


def helpfulness_of(*, page_id: int) -> tuple[int, int]:
    """(yes, votes) for the whole page (not its FAQ entries), in one query."""
    counts = PageFeedback.objects.filter(page_id=page_id, entry="").aggregate(
        votes=Count("pk"), yes=Count("pk", filter=Q(helpful=True))
    )
    return counts["yes"], counts["votes"]


def _page_type(page: Page) -> str:
    content_type = page.cached_content_type
    return f"{content_type.app_label}.{content_type.model}"

