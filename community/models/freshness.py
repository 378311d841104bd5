"""Whether an answer is still true: its last check, why it may be out of date, and the history
of every check (community.services.freshness changes them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .posts import Answer


class FreshnessReason(models.TextChoices):
    PRODUCT = "product", _("the product changed")
    ARTICLE = "article", _("a linked help article changed")
    EXPIRED = "expired", _("the verification expired")


class AnswerFreshnessQuerySet(models.QuerySet):
    def to_recheck(self):
        """Possibly outdated answers nobody has looked at yet: the re-verify queue."""
        return self.filter(status=AnswerFreshness.Status.RECHECK)


class AnswerFreshness(models.Model):
    """One row per answer that was ever verified or marked possibly outdated.

    `checked_at` is the last moment someone vouched for the answer (verified or re-verified
    it), or when it was written if nobody has; the notice shows it. RECHECK answers are in
    the re-verify queue; OUTDATED ones were un-verified from it and keep the notice."""

    class Status(models.TextChoices):
        CURRENT = "current", _("up to date")
        RECHECK = "recheck", _("waiting for a re-check")
        OUTDATED = "outdated", _("marked out of date")

    answer = models.OneToOneField(
        Answer, on_delete=models.CASCADE, primary_key=True, related_name="freshness"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    reason = models.CharField(max_length=10, choices=FreshnessReason.choices, blank=True)
    detail = models.CharField(_("what changed"), max_length=200, blank=True)
    flagged_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AnswerFreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer freshness")
        verbose_name_plural = _("answer freshness")
        indexes = [models.Index(fields=["status", "flagged_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="current") | models.Q(flagged_at__isnull=False),
                name="community_outdated_answer_has_flag_date",
            ),
        ]

    def __str__(self):
        return f"{self.answer_id}: {self.status}"

    @property
    def is_outdated(self) -> bool:
        return self.status != self.Status.CURRENT


class FreshnessCheck(models.Model):
    """History: who verified, re-verified or un-verified which answer when, and when the site
    marked it possibly outdated (`by` is empty then) and why."""

    class Action(models.TextChoices):
        VERIFIED = "verified", _("verified")
        REVERIFIED = "reverified", _("verified again")
        UNVERIFIED = "unverified", _("un-verified")
        FLAGGED = "flagged", _("marked possibly outdated")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="freshness_checks")
    action = models.CharField(max_length=12, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=10, choices=FreshnessReason.choices, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer check")
        verbose_name_plural = _("answer checks")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.answer_id}: {self.action}"
