"""Pre-aggregated figures: one row per day and dimension, so a dashboard over any period costs
the same few queries. The raw logs stay in the apps that write them; `services.roll_up_day`
recomputes a day's rows from them and may run any number of times."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class DailyFigure(models.Model):
    """A count for one day, e.g. metric "searches" with dimension "nl", or metric
    "deflections" with dimension "confirmed:ask". Values are counts unless the metric's
    name says otherwise (see `selectors.METRICS`)."""

    day = models.DateField(db_index=True)
    metric = models.CharField(max_length=40)
    # A language, a context, a product slug or an article's address (hence the length).
    dimension = models.CharField(max_length=300, blank=True, default="")
    value = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "metric", "dimension"],
                                    name="insights_one_figure_per_day_metric_dimension")
        ]
        ordering = ["day", "metric", "dimension"]

    def __str__(self):
        return f"{self.day} {self.metric}[{self.dimension}] = {self.value:g}"


class QueryDay(models.Model):
    """Searches for one normalised query (stems, folded) on one day: what content gaps and top
    queries are made of. `example` keeps the most frequent phrasing as typed."""

    day = models.DateField(db_index=True)
    language = models.CharField(max_length=10)
    normalised = models.CharField(max_length=200)
    example = models.CharField(max_length=200)
    phrasings = models.JSONField(default=list)  # up to ten distinct phrasings, most frequent first
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)
    clicked = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "normalised"],
                                    name="insights_one_row_per_query_per_day")
        ]

    def __str__(self):
        return f"{self.day} {self.language}:{self.normalised} ×{self.searches}"


class RolledUpDay(models.Model):
    """A day whose raw logs have been rolled up at least once; `purged_at` once they were
    deleted after the retention (the day is then never recomputed, its rows are final)."""

    day = models.DateField(unique=True)
    rolled_at = models.DateTimeField()
    purged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.day} rolled up {self.rolled_at:%Y-%m-%d %H:%M}"


class GapQuestion(models.Model):
    """A search need that kept failing, offered to the community as an open question by a
    moderator. One per need; `closed_at` is set once a later search for the same normalised
    form led to a click on a result."""

    language = models.CharField(max_length=10)
    normalised = models.CharField(max_length=200)
    example = models.CharField(max_length=200)
    question = models.ForeignKey("community.Question", on_delete=models.CASCADE,
                                 related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "normalised"],
                                    name="insights_one_question_per_gap")
        ]

    def __str__(self):
        return f"{self.language}:{self.normalised} -> question {self.question_id}"


@register_setting(icon="view")
class InsightsSettings(BaseGenericSetting):
    """What the shop owner tells the dashboard about their own business."""

    cost_per_contact = models.DecimalField(
        _("cost per contact (€)"), max_digits=7, decimal_places=2, default=Decimal("5.00"),
        help_text=_("What one question handled by customer service costs on average; "
                    "deflections × this amount is the estimated saving."),
    )
    gap_threshold = models.PositiveIntegerField(
        _("searches before a gap is shown"), default=5,
        help_text=_("A query becomes a content gap once it failed (no result or no click) "
                    "at least this many times in the period."),
    )

    question_threshold = models.PositiveIntegerField(
        _("failed searches before a community question is offered"), default=5,
        help_text=_("A query is offered to moderators as a community question once this many "
                    "different visitors searched it without a result or a click in 7 days."),
    )

    class Meta:
        verbose_name = _("insights settings")
