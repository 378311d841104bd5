import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_nonce() -> str:
    return secrets.token_hex(16)


class SurveyInvitation(models.Model):
    """One CSAT or NPS question sent to one person; answered at most once (`answered_at`)."""

    class Kind(models.TextChoices):
        CSAT = "csat", _("customer satisfaction (1-5)")
        NPS = "nps", _("net promoter score (0-10)")

    kind = models.CharField(max_length=4, choices=Kind.choices)
    ticket = models.ForeignKey("support.Ticket", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="surveys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="nl")
    # Copied from the ticket so results per topic and agent survive reassignment.
    topic = models.ForeignKey("support.Topic", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    nonce = models.CharField(max_length=32, unique=True, default=new_nonce)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ticket", "kind"],
                                    name="support_one_survey_per_ticket"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=10),
                name="support_survey_score_range",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.ticket_id}"

    @property
    def max_score(self) -> int:
        return 5 if self.kind == self.Kind.CSAT else 10

    @property
    def min_score(self) -> int:
        return 1 if self.kind == self.Kind.CSAT else 0
