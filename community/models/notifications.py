"""Inbox notifications, per-kind settings and follows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .posts import Question


class Notification(models.Model):
    """One line in a member's inbox. `kind` is a Kind value; `url` points at the post."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("a new answer to a question I follow")
        COMMENT = "comment", _("a comment on my post")
        MENTION = "mention", _("someone mentions me")
        ACCEPTED = "accepted", _("my answer is accepted")
        VERIFIED = "verified", _("my answer is verified by customer service")
        MODERATION = "moderation", _("a moderator acts on my post")
        FOLLOWED = "followed", _("a new question in a tag or product I follow")
        PROMOTED = "promoted", _("my question or answer becomes a help-centre article")
        EDIT_REVIEWED = "edit_reviewed", _("my suggested edit is approved or rejected")
        HELPED = "helped", _("customer service asks whether an answer helped me")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return f"{self.kind}: {self.text}"


class NotificationSetting(models.Model):
    """A member's choice for one kind of notification; no row means both channels are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    kind = models.CharField(max_length=20, choices=Notification.Kind.choices)
    on_site = models.BooleanField(default=True)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="community_one_setting_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}"


class Subscription(models.Model):
    """A member following a question, a tag (by slug) or a product (by slug)."""

    class Target(models.TextChoices):
        QUESTION = "question", _("question")
        TAG = "tag", _("tag")
        PRODUCT = "product", _("product")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    target = models.CharField(max_length=10, choices=Target.choices)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    key = models.SlugField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=models.Q(target="question"),
                name="community_follow_question_once",
            ),
            models.UniqueConstraint(
                fields=["user", "target", "key"],
                condition=~models.Q(target="question"),
                name="community_follow_key_once",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.target} {self.key or self.question_id}"
