"""Answers that stay true: marking answers possibly outdated when what they rely on changes,
and the re-verify queue's decisions (verify again, un-verify).

The site marks answers itself (a product edit, a republished article, an expired
verification); people only clear or confirm the mark. Every change writes a FreshnessCheck
history row and sends `questions_changed`, so the page cache and the search index follow.
"""

from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .. import freshness
from ..models import Answer, AnswerFreshness, FreshnessCheck, FreshnessReason, PostStatus
from ..signals import questions_changed
from ._common import lock_thread, require_verifier

Status = AnswerFreshness.Status


def _announce(question_ids) -> None:
    ids = sorted(set(question_ids))
    if ids:
        questions_changed.send(sender=Answer, question_ids=ids)


@transaction.atomic
def mark_possibly_outdated(*, answers, reason: str, detail: str = "", now=None) -> int:
    """Put the published `answers` (a queryset) in the re-verify queue with `reason` and
    `detail` (a product name, an article title). Answers already marked stay as they are,
    so calling twice marks once. Returns how many answers were newly marked. A fixed number
    of queries however many answers. No permission check: only the site calls this, on
    changes editors made or on time passing."""
    now = now or timezone.now()
    already = AnswerFreshness.objects.filter(answer=OuterRef("pk")).exclude(status=Status.CURRENT)
    targets = list(
        answers.filter(visibility=PostStatus.PUBLISHED, question__visibility=PostStatus.PUBLISHED)
        .exclude(Exists(already))
        .select_related("freshness")
    )
    known = {a.pk for a in targets if getattr(a, "freshness", None) is not None}
    AnswerFreshness.objects.filter(answer__in=known).update(
        status=Status.RECHECK, reason=reason, detail=detail[:200], flagged_at=now
    )
    AnswerFreshness.objects.bulk_create(
        [
            AnswerFreshness(answer=a, status=Status.RECHECK, reason=reason, detail=detail[:200],
                            flagged_at=now, checked_at=a.edited_at or a.created_at)
            for a in targets if a.pk not in known
        ],
        ignore_conflicts=True,  # a concurrent mark of the same answer: one row is enough
    )
    FreshnessCheck.objects.bulk_create(
        FreshnessCheck(answer=a, action=FreshnessCheck.Action.FLAGGED, reason=reason,
                       detail=detail[:200])
        for a in targets
    )
    _announce(a.question_id for a in targets)
    return len(targets)


def answers_about_product(product):
    """The answers to questions asked about `product`."""
    return Answer.objects.filter(question__product=product)


def answers_linking_to(url: str):
    """The answers whose text links to `url` (relative or absolute, same path). The LIKE
    narrows the candidates; parsing their links makes the match exact (no child pages)."""
    path = urlparse(url).path
    if not path:
        return Answer.objects.none()
    path = path if path.endswith("/") else f"{path}/"
    candidates = Answer.objects.filter(body_html__contains=path.rstrip("/")).only("body_html")
    matching = [a.pk for a in candidates if path in freshness.link_paths(a.body_html)]
    return Answer.objects.filter(pk__in=matching)


def product_changed(*, product, fields: list[str]) -> int:
    """An editor changed `fields` (material ones) of `product`: its answers may be out of
    date."""
    return mark_possibly_outdated(
        answers=answers_about_product(product), reason=FreshnessReason.PRODUCT,
        detail=product.name[:200],
    )


def article_republished(*, url: str, title: str, old_text: str, new_text: str) -> int:
    """An article at `url` was published again; when its text changed materially
    (community.freshness.is_material_change), the answers linking to it may be out of date."""
    if not freshness.is_material_change(old_text, new_text):
        return 0
    return mark_possibly_outdated(
        answers=answers_linking_to(url), reason=FreshnessReason.ARTICLE, detail=title[:200]
    )


def _last_verified_before(cutoff):
    """Verified answers whose last check (or, with no check on record, their writing) is
    older than `cutoff`, and that are not marked already."""
    return Answer.objects.filter(is_verified=True).filter(
        Q(freshness__status=Status.CURRENT, freshness__checked_at__lt=cutoff)
        | Q(freshness__isnull=True, created_at__lt=cutoff)
    )


def expire_verifications(*, now=None) -> int:
    """Verified answers not checked for COMMUNITY_VERIFICATION_MAX_AGE_DAYS go to the
    re-verify queue. Idempotent: a second run finds them marked already. Returns how many."""
    days = settings.COMMUNITY_VERIFICATION_MAX_AGE_DAYS
    if days <= 0:
        return 0
    now = now or timezone.now()
    return mark_possibly_outdated(
        answers=_last_verified_before(now - timedelta(days=days)),
        reason=FreshnessReason.EXPIRED, now=now,
    )


def _record_check(*, answer: Answer, by, status: str, action: str) -> AnswerFreshness:
    now = timezone.now()
    row, _created = AnswerFreshness.objects.select_for_update().get_or_create(
        answer=answer, defaults={"checked_at": now}
    )
    row.status = status
    if status == Status.CURRENT:
        row.reason, row.detail, row.flagged_at = "", "", None
        row.checked_at, row.checked_by = now, by
    else:
        row.flagged_at = row.flagged_at or now
    row.save()
    FreshnessCheck.objects.create(answer=answer, action=action, by=by)
    answer.freshness = row
    return row


def note_verification(*, answer: Answer, by, verified: bool) -> None:
    """Called by community.services.verify_answer (inside its transaction): verifying counts
    as a check (and clears a possibly-outdated mark); removing the mark is history only."""
    if verified:
        _record_check(answer=answer, by=by, status=Status.CURRENT,
                      action=FreshnessCheck.Action.VERIFIED)
    else:
        FreshnessCheck.objects.create(answer=answer, action=FreshnessCheck.Action.UNVERIFIED,
                                      by=by)


@transaction.atomic
def reverify_answer(*, answer: Answer, by) -> AnswerFreshness:
    """A moderator or customer-service member checked `answer` and it still holds: the notice
    goes, the answer leaves the queue and `by` and now are recorded as its last check.
    PermissionDenied for anyone else."""
    require_verifier(by)
    lock_thread(answer.question_id)
    row = _record_check(answer=answer, by=by, status=Status.CURRENT,
                        action=FreshnessCheck.Action.REVERIFIED)
    _announce([answer.question_id])
    return row


@transaction.atomic
def unverify_answer(*, answer: Answer, by) -> AnswerFreshness:
    """The answer no longer holds: its "verified" mark goes (if it had one) and it stays
    marked out of date, out of the queue, until someone verifies it again."""
    from .votes import verify_answer

    require_verifier(by)
    if answer.is_verified:
        verify_answer(answer=answer, by=by, verified=False)
    else:
        lock_thread(answer.question_id)
        FreshnessCheck.objects.create(answer=answer, action=FreshnessCheck.Action.UNVERIFIED,
                                      by=by)
    row, _created = AnswerFreshness.objects.select_for_update().get_or_create(
        answer=answer, defaults={"checked_at": answer.edited_at or answer.created_at}
    )
    row.status, row.flagged_at = Status.OUTDATED, row.flagged_at or timezone.now()
    row.save()
    answer.freshness = row
    _announce([answer.question_id])
    return row
