"""Questions, answers, comments, pictures, votes and revisions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


class PostStatus(models.TextChoices):
    """Whether others can see a post: first posts of new accounts wait for a moderator."""

    PUBLISHED = "published", _("published")
    PENDING = "pending", _("waiting for approval")
    DELETED = "deleted", _("deleted")


def _visible_q(user, prefix: str = "") -> models.Q:
    """Published, or pending and the viewer's own; moderators see everything (None)."""
    from gamification.privileges import is_moderator

    if is_moderator(user):
        return None
    q = models.Q(**{f"{prefix}visibility": PostStatus.PUBLISHED})
    if getattr(user, "is_authenticated", False):
        q |= models.Q(**{f"{prefix}visibility": PostStatus.PENDING, f"{prefix}author": user})
    return q


class QuestionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(visibility=PostStatus.PUBLISHED)

    def visible_to(self, user):
        """What `user` may see: published questions, their own pending ones; moderators see
        pending and deleted too. Every question-scoped route looks questions up through this,
        so a hidden question is a 404 everywhere (no title in a redirect, no form page)."""
        q = _visible_q(user)
        return self if q is None else self.filter(q)

    def unanswered(self):
        return self.filter(answer_count=0, status=Question.Status.OPEN)

    def in_language(self, code: str):
        return self.filter(locale=code)


class Question(models.Model):
    """A question a member asks. Counters (score, answers, views) change only through F()
    updates in services, so concurrent requests never lose an increment."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    class CloseReason(models.TextChoices):
        DUPLICATE = "duplicate", _("duplicate of another question")
        OFF_TOPIC = "off_topic", _("off-topic")
        UNCLEAR = "unclear", _("needs details or clarity")
        RESOLVED = "resolved", _("resolved by customer service")
        SPAM = "spam", _("spam")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    body = models.TextField(_("details"), max_length=10_000)
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions"
    )
    tags = TaggableManager(_("tags"), blank=True)
    product = models.ForeignKey(
        "kb.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # Goes up each time the question is closed or reopened: close votes count per round.
    close_round = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    visibility = models.CharField(
        max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    view_count = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The knowledge-base draft made from this question (community.services.promote_to_article).
    kb_article = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        # One index per list order (selectors.SORTS), pinned first and the pk last, so the
        # database reads a page of the list off the index, scanned backwards, instead of
        # sorting every visible question (250 ms at 100,000 questions on SQLite).
        indexes = [
            models.Index(
                fields=["visibility", "locale", "is_pinned", "created_at", "id"],
                name="question_list_newest",
            ),
            models.Index(
                fields=["visibility", "locale", "is_pinned", "last_activity_at", "id"],
                name="question_list_active",
            ),
            models.Index(
                fields=["visibility", "locale", "is_pinned", "score", "created_at", "id"],
                name="question_list_votes",
            ),
            # The unanswered list and its count read only the few open questions without
            # an answer.
            models.Index(
                fields=["locale", "is_pinned", "created_at", "id"],
                condition=models.Q(visibility=PostStatus.PUBLISHED, answer_count=0, status="open"),
                name="question_list_unanswered",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(close_reason=""),
                name="community_closed_question_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        with translation.override(self.locale):
            return reverse("community:question", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_visible(self) -> bool:
        return self.visibility == PostStatus.PUBLISHED


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers `user` may see, on questions `user` may see (see QuestionQuerySet)."""
        q = _visible_q(user)
        return self if q is None else self.filter(q & _visible_q(user, "question__"))


class Answer(models.Model):
    """An answer to a question. At most one per question is accepted (by the asker) and at
    most one verified (by customer service); constraints hold that even under races."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="answers"
    )
    body = models.TextField(_("your answer"), max_length=10_000)
    body_html = models.TextField(editable=False)
    score = models.IntegerField(default=0)
    is_accepted = models.BooleanField(default=False)
    is_verified = models.BooleanField(default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["-is_verified", "-is_accepted", "-score", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(is_accepted=True),
                name="community_one_accepted_answer",
            ),
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(is_verified=True),
                name="community_one_verified_answer",
            ),
        ]

    def __str__(self):
        return gettext("Answer by %(name)s") % {"name": self.author}

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.visibility == PostStatus.PUBLISHED


def exactly_one_post(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(models.Q(question__isnull=False, answer__isnull=True))
        | (models.Q(question__isnull=True, answer__isnull=False)),
        name=name,
    )


class Comment(models.Model):
    """A short remark under a question or an answer (exactly one of the two)."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(_("comment"), max_length=600)
    body_html = models.TextField(editable=False)
    visibility = models.CharField(
        max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [exactly_one_post("community_comment_on_one_post")]

    def __str__(self):
        return self.body[:60]

    @property
    def post(self):
        return self.question or self.answer


class PostImage(models.Model):
    """A picture shown under a question or answer: always the WebP that
    community.images.post_image made, never the uploaded file."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        _("image"), upload_to="posts/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [exactly_one_post("community_image_on_one_post")]

    def __str__(self):
        return self.image.name


class Vote(models.Model):
    """One member's vote on one post; the unique constraints make a second vote impossible."""

    UP, DOWN = 1, -1

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(choices=[(1, _("up")), (-1, _("down"))])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            exactly_one_post("community_vote_on_one_post"),
            models.UniqueConstraint(
                fields=["user", "question"], name="community_one_vote_per_question"
            ),
            models.UniqueConstraint(
                fields=["user", "answer"], name="community_one_vote_per_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=[1, -1]), name="community_vote_up_or_down"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.value:+d}"


class Revision(models.Model):
    """A post as it was after one edit (number 1 is the original), for the history page."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    tags = models.CharField(max_length=300, blank=True)
    summary = models.CharField(_("edit summary"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            exactly_one_post("community_revision_of_one_post"),
            models.UniqueConstraint(
                fields=["question", "number"], name="community_question_revision_number"
            ),
            models.UniqueConstraint(
                fields=["answer", "number"], name="community_answer_revision_number"
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.title}".strip()

    @property
    def post(self):
        return self.question or self.answer
