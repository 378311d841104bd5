"""The reputation ledger, cached totals, badge awards, abuse reports and rewards.

Invariant (checked by `manage.py verify_reputation`): for every user,
`Reputation.total == STARTING_REPUTATION + sum(points of their non-reverted events)` and
`total >= 1`. Events are never deleted; reversal marks them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from .rules import RULES, STARTING_REPUTATION


class Reputation(models.Model):
    """A user's cached total. Its row is also the per-user lock: every ledger write for a user
    takes `select_for_update()` on it first, so writes for one user are serialised."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reputation",
        verbose_name=_("member"),
    )
    total = models.IntegerField(_("reputation"), default=STARTING_REPUTATION, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reputation")
        verbose_name_plural = _("reputation")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=STARTING_REPUTATION), name="reputation_at_least_one"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.total}"


class EventQuerySet(models.QuerySet):
    def live(self):
        return self.filter(reverted_at__isnull=True)

    def chronological(self):
        return self.order_by("created_at", "id")


class ReputationEvent(models.Model):
    """One line of the ledger.

    `base_points` is what the rule gave and never changes. `points` is what the event counts
    for: `base_points` limited by the daily vote cap and, for penalties, clipped so the total
    stays at least 1. `points` is re-derived in order when an earlier event is reverted, so
    the cap and the clipping are always those of the events that still stand.
    """

    REASON_CHOICES = [(reason, rule.label) for reason, rule in RULES.items()]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reputation_events",
        verbose_name=_("member"),
    )
    reason = models.CharField(_("reason"), max_length=40, choices=REASON_CHOICES)
    base_points = models.IntegerField(_("rule points"))
    points = models.IntegerField(_("points"))
    source_key = models.CharField(_("source"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caused_reputation_events",
        verbose_name=_("caused by"),
    )
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    # Denormalised from facts for leaderboards: "|tag-a|tag-b|" and a product slug.
    tags = models.CharField(max_length=500, blank=True, default="")
    product = models.CharField(max_length=100, blank=True, default="", db_index=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    # The local day the event counts toward for the daily cap.
    day = models.DateField(_("day"))
    reverted_at = models.DateTimeField(_("reverted"), null=True, blank=True)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reverted by"),
    )
    revert_reason = models.CharField(_("why reverted"), max_length=300, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("reputation event")
        verbose_name_plural = _("reputation events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["user", "reason"]),
            models.Index(fields=["actor", "created_at"]),
        ]
        constraints = [
            # Recording the same thing twice (a double click, a retried request) counts once.
            models.UniqueConstraint(
                fields=["user", "reason", "source_key"],
                condition=Q(reverted_at__isnull=True),
                name="one_live_event_per_source",
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.reason} {self.points:+d} ({self.source_key})"

    @property
    def is_reverted(self) -> bool:
        return self.reverted_at is not None

    @property
    def label(self):
        return RULES[self.reason].label


class BadgeAward(models.Model):
    """A badge earned. `award_key` is "" for once-only badges and names the post, tag or
    product for badges that can be earned many times; the unique constraint makes awarding
    idempotent under concurrency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="badge_awards",
        verbose_name=_("member"),
    )
    badge = models.CharField(_("badge"), max_length=40, db_index=True)
    award_key = models.CharField(_("for"), max_length=100, blank=True, default="")
    awarded_at = models.DateTimeField(_("awarded"), auto_now_add=True, db_index=True)
    # When the member saw the "you earned a badge" notice.
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")
        ordering = ["-awarded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "badge", "award_key"], name="badge_awarded_once_per_key"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.badge} {self.award_key}".strip()


class VisitorSighting(models.Model):
    """A (hashed) visitor key a member acted from, to notice accounts voting for each other
    from the same browser."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, db_index=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key_hash"], name="one_sighting_per_key")
        ]

    def __str__(self):
        return f"{self.user_id} {self.key_hash[:8]}"


class AbuseReport(models.Model):
    """Something the anti-abuse rules noticed, for moderators to review."""

    class Kind(models.TextChoices):
        SERIAL_VOTING = "serial", _("serial voting")
        VOTING_RING = "ring", _("voting ring")
        SAME_VISITOR = "same_visitor", _("votes from the same visitor")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("voter"),
    )
    target = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("voted for"),
    )
    votes = models.PositiveIntegerField(_("votes"), default=0)
    reversed_events = models.PositiveIntegerField(_("events reversed"), default=0)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("noticed"), auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("voting report")
        verbose_name_plural = _("voting reports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.voter_id} → {self.target_id}"


class Reward(ClusterableModel):
    """A loyalty reward the shop owner defines in the Wagtail admin, with a pool of codes."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", _("on reaching a reputation")
        MONTHLY_TOP = "monthly_top", _("the month's top helper")

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Shown to the winner, e.g. how to use the code in the shop."),
    )
    kind = models.CharField(_("granted"), max_length=20, choices=Kind.choices)
    threshold = models.PositiveIntegerField(
        _("reputation needed"),
        null=True,
        blank=True,
        help_text=_("Only for rewards on reaching a reputation."),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("threshold"),
        FieldPanel("active"),
        InlinePanel("codes", heading=_("Codes"), label=_("code")),
    ]

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="threshold") | Q(threshold__isnull=False),
                name="threshold_reward_has_threshold",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.THRESHOLD and not self.threshold:
            raise ValidationError({"threshold": _("Set the reputation that earns this reward.")})


class RewardCode(models.Model):
    """One code from a reward's pool. Granting fills `granted_to`: that row is the log."""

    reward = ParentalKey(Reward, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=100)
    granted_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reward_codes",
        verbose_name=_("granted to"),
    )
    granted_at = models.DateTimeField(_("granted"), null=True, blank=True)
    # "" for threshold rewards, "2026-11" for a monthly reward.
    period = models.CharField(_("period"), max_length=20, blank=True, default="")

    panels = [FieldPanel("code")]

    class Meta:
        verbose_name = _("reward code")
        verbose_name_plural = _("reward codes")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["reward", "code"], name="reward_code_unique"),
            models.UniqueConstraint(
                fields=["reward", "granted_to", "period"],
                condition=Q(granted_to__isnull=False),
                name="reward_granted_once",
            ),
            # A monthly reward has one winner per month.
            models.UniqueConstraint(
                fields=["reward", "period"],
                condition=Q(granted_to__isnull=False) & ~Q(period=""),
                name="one_winner_per_period",
            ),
        ]

    def __str__(self):
        return self.code


class PointGrant(models.Model):
    """Points a staff member asked to give by hand. Nothing reaches the ledger (or any reward
    it would pay out) until a second staff member approves: four eyes on every grant. The
    row is the log of who asked, who decided, when and why."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a second person")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="point_grants",
        verbose_name=_("member"),
    )
    points = models.IntegerField(_("points"))
    why = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    event = models.OneToOneField(
        ReputationEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant",
        verbose_name=_("ledger event"),
    )

    class Meta:
        verbose_name = _("point grant")
        verbose_name_plural = _("point grants")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0) & Q(points__lte=10_000), name="grant_points_in_range"
            ),
            # The database itself refuses a grant approved by the person who asked for it.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="grant_decided_by_someone_else",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} +{self.points} ({self.get_status_display()})"
