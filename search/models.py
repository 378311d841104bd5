"""search's own data: the durable indexing queue, the PostgreSQL backend's documents, and the
logs behind the insights dashboard (queries, clicks, suggestions, deflections).

Logs never hold a raw IP address: visitors are an opaque key (see `search.visitors`).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
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
    words = models.TextField(blank=True)  # folded title, tags and phrasings
    vector = SearchVectorField(null=True)  # title A, tags and phrasings B, body C

    def __str__(self):
        return self.key


class SearchTerm(models.Model):
    """A lexeme of the PostgreSQL backend's documents in one language with its postings: the
    ids of the documents that hold it, best first, with the lexeme's impact in each (where it
    occurs, weighted A/B/C as the vector is, divided by the document's log length) and each
    document's boost. A search reads the first few hundred postings of its terms instead of
    ranking every matching document (at 100,000 documents a broad query matched 30,000).
    Kept up to date by every index write, like `VocabularyWord`."""

    language = models.CharField(max_length=10)
    term = models.TextField()
    frequency = models.IntegerField()  # documents holding the lexeme: len(documents)
    documents = ArrayField(models.IntegerField())
    impacts = ArrayField(models.FloatField())
    boosts = ArrayField(models.FloatField())

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"],
                                               name="search_one_term")]

    def __str__(self):
        return f"{self.term} ({self.language})"


class VocabularyWord(models.Model):
    """A folded word of the PostgreSQL backend's documents and how many documents of its
    language hold it, kept up to date by every index write: "did you mean", typo matching and
    the splitting of glued words look words up here (a trigram index on `word`, PostgreSQL
    only) instead of scanning the documents."""

    word = models.CharField(max_length=100)
    language = models.CharField(max_length=10)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["word", "language"],
                                               name="search_one_vocabulary_word")]

    def __str__(self):
        return f"{self.word} ({self.language})"


class IndexGeneration(models.Model):
    """One row whose `value` the PostgreSQL backend bumps in every index write's transaction:
    web processes key their result caches on it (`SearchBackend.generation`)."""

    value = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.value)


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


class DocumentVector(models.Model):
    """One sentence-embedding vector per indexed document (see `search.semantic`), for both
    backends. Kept beside the index, keyed by the document and the model version; `digest`
    lets a rebuild reuse a vector whose document did not change. The hit fields are here so a
    document found only by meaning can be shown without asking the backend."""

    key = models.CharField(max_length=255, unique=True)
    group = models.CharField(max_length=200, db_index=True)
    language = models.CharField(max_length=10, db_index=True)
    model_version = models.CharField(max_length=60)
    digest = models.CharField(max_length=32)
    vector = models.BinaryField()  # float16, semantic.DIMENSIONS values
    type = models.CharField(max_length=40)
    title = models.TextField()
    url = models.TextField()
    summary = models.TextField(blank=True)
    category = models.CharField(max_length=200, blank=True)
    product = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.key


class SynonymSet(models.Model):
    """Words shoppers use for the same thing, managed by editors (Wagtail snippet).

    Without `expansions` the terms are a two-way set: each finds the others ("retour,
    terugsturen, retourneren"). With `expansions` it is one-way: the terms also find the
    expansions, not the other way round ("refund" -> "terugbetaling"). Applied at query time on
    every backend (`search.synonyms`)."""

    class Language(models.TextChoices):
        NL = "nl", _("Dutch")
        EN = "en", _("English")

    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    terms = models.CharField(
        _("terms"), max_length=500,
        help_text=_("Words or phrases separated by commas, e.g. “retour, terugsturen”."),
    )
    expansions = models.CharField(
        _("one-way expansions"), max_length=500, blank=True,
        help_text=_("Leave empty for a two-way set. Otherwise the terms also search for these "
                    "words (comma-separated), but not the other way round."),
    )

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        arrow = f" → {self.expansions}" if self.expansions else ""
        return f"{self.terms}{arrow}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .synonyms import split_terms

        if len(split_terms(self.terms)) < (1 if self.expansions else 2):
            raise ValidationError({"terms": _(
                "Give at least two terms separated by commas, or one term with expansions."
            )})


class LearnedPhrasing(models.Model):
    """A shopper's own words for a document, learned from what answered them (a click on a
    suggestion without posting, "Dit beantwoordt mijn vraag"). It is indexed with the document
    only once enough distinct visitors used it (`search.phrasings`); editors remove bad ones in
    the admin review list (`removed` keeps them from being learned again)."""

    document = models.CharField(_("document"), max_length=255, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    text = models.CharField(_("phrasing"), max_length=200)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    removed = models.BooleanField(_("removed by an editor"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learned phrasing")
        verbose_name_plural = _("learned phrasings")
        ordering = ["-visitors", "text"]
        constraints = [models.UniqueConstraint(fields=["document", "language", "text"],
                                               name="search_one_phrasing_per_document")]

    def __str__(self):
        return self.text


class PhrasingVisitor(models.Model):
    """One visitor's use of a phrasing: each visitor counts once."""

    phrasing = models.ForeignKey(LearnedPhrasing, on_delete=models.CASCADE,
                                 related_name="uses")
    visitor = models.CharField(max_length=64)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["phrasing", "visitor"],
                                               name="search_phrasing_once_per_visitor")]

    def __str__(self):
        return f"{self.phrasing_id}: {self.visitor[:8]}"
