"""search's own data: the durable indexing queue, the PostgreSQL backend's documents, and the
logs behind the insights dashboard (queries, clicks, suggestions, deflections).

Logs never hold a raw IP address: visitors are an opaque key (see `search.visitors`).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexJob(models.Model):
    """One group of documents (see `search.registry`) waiting to be (re)indexed.

    Written in the same transaction as the content change, so a committed change always has a
    job. The worker marks a job done only after the index committed, and only if `token` is
    still the one it read: a change that arrives while the job is processed stays pending.
    """

    group = models.CharField(max_length=200, unique=True)
    token = models.UUIDField(default=uuid.uuid4)
    requested_at = models.DateTimeField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("indexing job")
        verbose_name_plural = _("indexing jobs")

    def __str__(self):
        return self.group


class SearchDocument(models.Model):
    """A document of the PostgreSQL backend (`SEARCH_BACKEND=postgres`). The tsvector and
    trigram indexes exist only on PostgreSQL (migration 0002)."""

    key = models.CharField(max_length=255, unique=True)
    group = models.CharField(max_length=200, db_index=True)
    type = models.CharField(max_length=40)
    language = models.CharField(max_length=10)
    title = models.TextField()
    url = models.TextField()
    body = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    tags = models.JSONField(default=list)
    category = models.CharField(max_length=200, blank=True)
    product = models.CharField(max_length=200, blank=True)
    boost = models.FloatField(default=1.0)
    digest = models.CharField(max_length=32)
    words = models.TextField(blank=True)  # folded title + tags: trigram similarity for typos
    vector = SearchVectorField(null=True)

    def __str__(self):
        return self.key


class SearchLog(models.Model):
    """One search submission (not one per page, sort or facet click)."""

    query = models.CharField(_("query"), max_length=200, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    result_count = models.PositiveIntegerField(_("results"))
    took_ms = models.PositiveIntegerField(_("took (ms)"))
    visitor = models.CharField(max_length=64, db_index=True)
    refined_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="refinements"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        ordering = ["-created_at"]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    search = models.ForeignKey(SearchLog, on_delete=models.CASCADE, related_name="clicks")
    position = models.PositiveIntegerField()
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(position__gte=1),
                                              name="search_click_position_from_1")]

    def __str__(self):
        return f"{self.search_id}#{self.position}"


class SuggestionLog(models.Model):
    """Suggestions shown while typing, and what became of them."""

    class Context(models.TextChoices):
        HEADER = "header", _("site search box")
        ASK = "ask", _("ask-question form")
        CONTACT = "contact", _("contact form")

    query = models.CharField(max_length=200)
    language = models.CharField(max_length=10)
    context = models.CharField(max_length=10, choices=Context.choices, default=Context.HEADER)
    shown = models.PositiveIntegerField()
    visitor = models.CharField(max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clicked_url = models.CharField(max_length=500, blank=True)
    clicked_position = models.PositiveIntegerField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)  # the form was submitted after all
    settled = models.BooleanField(default=False)  # implicit deflection decided
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.query


class Deflection(models.Model):
    """A visitor found their answer instead of asking or contacting support."""

    class Kind(models.TextChoices):
        IMPLICIT = "implicit", _("clicked a suggestion and did not post")
        CONFIRMED = "confirmed", _("“this answers my question”")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    context = models.CharField(max_length=10, choices=SuggestionLog.Context.choices)
    suggestion = models.ForeignKey(
        SuggestionLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="deflections"
    )
    query = models.CharField(max_length=200)
    document = models.CharField(max_length=255)  # index key of the answer that helped
    url = models.CharField(max_length=500)
    visitor = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "kind"], name="search_one_deflection_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.query}"
