"""Proactive notices ("Door stormschade vertraagde leveringen in Friesland") shown as banners."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class AnnouncementQuerySet(models.QuerySet):
    def active(self, now=None):
        """Started and not yet ended at `now`; future and expired ones never match."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class Announcement(TranslatableMixin, index.Indexed, models.Model):
    """A banner for a time window, shown site-wide, in one category (and everything below it)
    or on one product's pages; one row per language (Wagtail translations).

    Selected by `kb.announcements.active_announcements`; registered as a snippet in
    `kb/wagtail_hooks.py`.
    """

    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        CRITICAL = "critical", _("Disruption")

    class Scope(models.TextChoices):
        SITE = "site", _("The whole site")
        CATEGORY = "category", _("One help-centre category")
        PRODUCT = "product", _("One product")

    title = models.CharField(_("title"), max_length=140)
    message = RichTextField(_("message"), features=["bold", "italic", "link"], max_length=2000)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.INFO
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Empty keeps it up until removed.")
    )
    scope = models.CharField(_("show on"), max_length=10, choices=Scope.choices,
                             default=Scope.SITE)
    category = models.ForeignKey(
        "kb.CategoryPage", verbose_name=_("category"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    product = models.ForeignKey(
        "kb.Product", verbose_name=_("product"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("severity"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("scope"), FieldPanel("category"), FieldPanel("product")],
            heading=_("Where"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("message"),
                     index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="kb_announcement_ends_after_start",
            ),
            # The scope names exactly the target it needs.
            models.CheckConstraint(
                condition=(
                    Q(scope="site", category__isnull=True, product__isnull=True)
                    | Q(scope="category", category__isnull=False, product__isnull=True)
                    | Q(scope="product", category__isnull=True, product__isnull=False)
                ),
                name="kb_announcement_scope_target",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.scope == self.Scope.CATEGORY and not self.category_id:
            errors["category"] = _("Choose the category to show this in.")
        if self.scope == self.Scope.PRODUCT and not self.product_id:
            errors["product"] = _("Choose the product to show this on.")
        if errors:
            raise ValidationError(errors)
        # Clear a target left over from another scope rather than reject the form for it.
        if self.scope != self.Scope.CATEGORY:
            self.category = None
        if self.scope != self.Scope.PRODUCT:
            self.product = None
