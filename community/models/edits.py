"""Suggested edits and votes to close or reopen: what members with the reviewed privileges
propose, waiting for reviewers or for enough votes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .posts import Answer, Question, exactly_one_post


class SuggestedEdit(models.Model):
    """An edit by a member who may not yet edit others' posts directly. It waits in the
    suggested-edits queue; on approval `community.services.edits` applies it through the
    normal edit path (so a Revision keeps it). `base_*` hold the post as the member saw it,
    so the diff shows their change and a later edit of the post is noticed."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="suggested_edits"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="suggested_edits"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggested_edits"
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    body = models.TextField(_("text"), max_length=10_000)
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    summary = models.CharField(_("edit summary"), max_length=200, blank=True)
    base_title = models.CharField(max_length=150, blank=True)
    base_body = models.TextField()
    base_tags = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_reason = models.CharField(_("reason"), max_length=300, blank=True)
    improved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suggested edit")
        verbose_name_plural = _("suggested edits")
        ordering = ["created_at", "pk"]
        constraints = [
            exactly_one_post("community_suggested_edit_on_one_post"),
            models.UniqueConstraint(
                fields=["author", "question"],
                condition=models.Q(state="pending"),
                name="community_one_pending_edit_per_question",
            ),
            models.UniqueConstraint(
                fields=["author", "answer"],
                condition=models.Q(state="pending"),
                name="community_one_pending_edit_per_answer",
            ),
        ]

    def __str__(self):
        return f"{self.author_id}: {self.post}"

    @property
    def post(self):
        return self.question or self.answer

    @property
    def kind(self) -> str:
        return "question" if self.question_id else "answer"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class CloseVote(models.Model):
    """One member's vote to close (with a reason) or to reopen a question, in one round.

    A round ends whenever the question is closed or reopened (`Question.close_round` goes
    up), so a member votes once per question per round and old votes never count again."""

    class Kind(models.TextChoices):
        CLOSE = "close", _("close")
        REOPEN = "reopen", _("reopen")

    class Reason(models.TextChoices):
        DUPLICATE = "duplicate", _("duplicate of another question")
        OFF_TOPIC = "off_topic", _("off-topic")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="close_votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    round = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("close vote")
        verbose_name_plural = _("close votes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "voter", "round"], name="community_one_close_vote_per_round"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="reopen", reason="")
                | models.Q(kind="close", reason__in=["duplicate", "off_topic"]),
                name="community_close_vote_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.voter_id} {self.kind} #{self.question_id} ({self.round})"
