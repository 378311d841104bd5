"""'Was dit artikel nuttig?': one yes/no vote per visitor per page (or FAQ entry)."""

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _


class FeedbackReason(models.TextChoices):
    """Why a page did not help; asked only after a 'no'."""

    UNCLEAR = "unclear", _("It was hard to understand")
    INCOMPLETE = "incomplete", _("It did not answer my question")
    OUTDATED = "outdated", _("It is out of date or incorrect")
    OTHER = "other", _("Something else")


class PageFeedbackQuerySet(models.QuerySet):
    def helpfulness(self):
        """One row per page and FAQ entry: votes, yes, no and the share of yes, lowest first."""
        return (
            self.values("page_id", "page__title", "entry")
            .annotate(
                votes=Count("pk"),
                yes=Count("pk", filter=Q(helpful=True)),
                no=Count("pk", filter=Q(helpful=False)),
            )
            .annotate(score=models.ExpressionWrapper(
                models.F("yes") * 1.0 / models.F("votes"), output_field=models.FloatField()
            ))
            .order_by("score", "-votes", "page__title", "entry")
        )


class PageFeedback(models.Model):
    """A visitor's latest answer for a page; voting again changes it rather than adding one.

    `visitor_key` is the random value of a signed cookie, never an IP address or a user id,
    so anonymous shoppers can vote and the table holds nothing that identifies them.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    entry = models.CharField(
        _("FAQ entry"), max_length=64, blank=True,
        help_text=_("The anchor of the FAQ entry voted on; empty for the whole page."),
    )
    visitor_key = models.CharField(max_length=64, editable=False)
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(
        _("reason"), max_length=20, blank=True, choices=FeedbackReason.choices
    )
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "entry", "visitor_key"], name="kb_one_vote_per_visitor_per_page"
            ),
            # A reason or comment explains a 'no'; a 'yes' carries neither.
            models.CheckConstraint(
                condition=Q(helpful=False) | (Q(reason="") & Q(comment="")),
                name="kb_feedback_reason_only_on_no",
            ),
        ]
        indexes = [models.Index(fields=["page", "entry", "helpful"])]

    def __str__(self):
        return f"{self.page_id}#{self.entry}: {'yes' if self.helpful else 'no'}"


class PageViewDay(models.Model):
    """How many visitors saw a help page on a day (`kb.page_views`): the helpfulness report
    sets votes against views. A visitor counts once per page per day; nothing identifies them."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views per day")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="kb_one_view_count_per_day")
        ]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"
