"""Flags (the review queue) and the moderators' audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .posts import Answer, Question, exactly_one_post


class Flag(models.Model):
    """A member telling moderators a post needs attention; open flags form the review queue."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("spam or advertising")
        RUDE = "rude", _("rude or abusive")
        OFF_TOPIC = "off_topic", _("off-topic")
        NEEDS_IMPROVEMENT = "needs_improvement", _("needs improvement")
        DUPLICATE = "duplicate", _("duplicate of another question")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note for the moderators"), max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            exactly_one_post("community_flag_on_one_post"),
            models.UniqueConstraint(
                fields=["reporter", "question"],
                condition=models.Q(state="open"),
                name="community_one_open_flag_per_question",
            ),
            models.UniqueConstraint(
                fields=["reporter", "answer"],
                condition=models.Q(state="open"),
                name="community_one_open_flag_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"

    @property
    def post(self):
        return self.question or self.answer


class ModerationAction(models.Model):
    """The audit log: who did what to which post or member, when and why. Append-only."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=40)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # The log stores plain verbs; pages show them in the reader's language.
    LABELS = {
        "approve": _("approved"),
        "reject": _("rejected"),
        "close": _("closed"),
        "reopen": _("reopened"),
        "mark duplicate": _("marked as duplicate"),
        "merge duplicate": _("merged as duplicate"),
        "lock": _("locked"),
        "unlock": _("unlocked"),
        "pin": _("pinned"),
        "unpin": _("unpinned"),
        "delete": _("deleted"),
        "undelete": _("restored"),
        "delete comment": _("deleted a comment"),
        "undelete comment": _("restored a comment"),
        "suspend": _("suspended"),
        "unsuspend": _("lifted a suspension"),
        "flag upheld": _("upheld flags and hid the post"),
        "flag dismissed": _("dismissed flags"),
        "warn": _("warned the author"),
        "promote": _("promoted to an article"),
        "verify": _("verified"),
        "unverify": _("removed verification"),
        "close vote": _("voted to close"),
        "reopen vote": _("voted to reopen"),
        "approve edit": _("approved a suggested edit"),
        "reject edit": _("rejected a suggested edit"),
    }

    class Meta:
        verbose_name = _("moderator action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.moderator} {self.action_label}"

    @property
    def action_label(self) -> str:
        return str(self.LABELS.get(self.action, self.action))
