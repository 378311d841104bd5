from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AskBack(models.Model):
    """"Heeft dit je geholpen?": one per answered question or confirmed contact deflection.
    `person` is whom the one-a-day cap counts ("user:3" for a member, else the e-mail address);
    `suggestion` is the suggestion list the question or contact started from, if any, so that
    "ja, opgelost" can count as a deflection."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("first answer to a question")
        DEFLECTION = "deflection", _("contact form deflection")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    source_key = models.CharField(max_length=40, unique=True)  # "question:12", "deflection:7"
    person = models.CharField(max_length=254, db_index=True)  # "user:3" or an e-mail address
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=8, default="nl")
    url = models.CharField(max_length=300, blank=True)
    suggestion = models.ForeignKey("search.SuggestionLog", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    solved = models.BooleanField(null=True)

    def __str__(self):
        return self.source_key


class DeflectionAddress(models.Model):
    """The e-mail address a visitor without an account left when the contact form's answer
    solved their question, so that the ask-back can reach them a day later."""

    deflection = models.OneToOneField("search.Deflection", on_delete=models.CASCADE,
                                      related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=8, default="nl")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"deflection:{self.deflection_id}"
