import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..conf import attachments_root

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class Source(models.TextChoices):
    CONTACT = "contact", _("contact form")
    ESCALATED = "escalated", _("escalated question")
    PRIVATE = "private", _("private question")
    FEEDBACK = "feedback", _("article feedback")


class Status(models.TextChoices):
    NEW = "new", _("new")
    OPEN = "open", _("open")
    WAITING = "waiting", _("waiting on shopper")
    RESOLVED = "resolved", _("resolved")


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")


def new_reference() -> str:
    return "KS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class TicketQuerySet(models.QuerySet):
    def unresolved(self):
        return self.exclude(status=Status.RESOLVED)

    def of_requester(self, user):
        return self.filter(requester=user)


class Ticket(models.Model):
    """One shopper's request to the desk. Private: never published, never indexed.

    `trail` is a snapshot (taken when the ticket is made) of what the shopper searched, was
    shown and read on this visit, so the desk sees it even after the logs are pruned.
    """

    reference = models.CharField(_("reference"), max_length=12, unique=True,
                                 default=new_reference)
    subject = models.CharField(_("subject"), max_length=200)
    topic = models.ForeignKey("support.Topic", verbose_name=_("topic"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="tickets")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.CONTACT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW, db_index=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices,
                                default=Priority.NORMAL)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("shopper"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="tickets")
    requester_email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default="nl")
    order_number = models.CharField(_("order number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_tickets")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    first_response_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    visitor = models.CharField(max_length=64, blank=True, db_index=True)
    trail = models.JSONField(_("trail"), default=dict, blank=True)
    # One ticket per submitted form (a double click posts the same token twice).
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                  editable=False)
    question = models.ForeignKey("community.Question", verbose_name=_("community question"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    feedback = models.OneToOneField("kb.PageFeedback", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    kb_draft = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-pk"]
        permissions = [("handle_ticket", _("Can handle support tickets"))]
        constraints = [
            models.UniqueConstraint(fields=["question"], condition=models.Q(source="escalated"),
                                    name="support_one_escalation_per_question"),
            # Shoppers' own tickets must be answerable; feedback can be anonymous.
            models.CheckConstraint(
                condition=models.Q(source="feedback")
                | ~models.Q(requester__isnull=True, requester_email=""),
                name="support_ticket_has_requester",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="resolved") | models.Q(resolved_at__isnull=False),
                name="support_resolved_ticket_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def email(self) -> str:
        return self.requester.email if self.requester_id else self.requester_email


class TicketMessage(models.Model):
    class Kind(models.TextChoices):
        SHOPPER = "shopper", _("shopper")
        REPLY = "reply", _("staff reply")
        NOTE = "note", _("internal note")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.ticket_id} {self.kind}"

    @property
    def is_public(self) -> bool:
        """Shoppers see their own messages and staff replies, never internal notes."""
        return self.kind != self.Kind.NOTE


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Attachments are private: a folder outside MEDIA_ROOT (never served as media), read
    only through support's permission-checked view. The folder is looked up on each use."""

    @property
    def base_location(self):
        return attachments_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class TicketAttachment(models.Model):
    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE,
                                related_name="attachments")
    file = models.FileField(upload_to="%Y/%m", storage=PrivateStorage())
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.name


class TicketEvent(models.Model):
    """One line of a ticket's history; written by every service that changes a ticket."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        STATUS = "status", _("status changed")
        ASSIGNED = "assigned", _("assigned")
        REPLY = "reply", _("replied")
        NOTE = "note", _("internal note added")
        SHOPPER = "shopper", _("shopper wrote")
        PRIORITY = "priority", _("priority changed")
        ANSWER = "answer", _("posted as verified community answer")
        DRAFT = "draft", _("help-centre draft made")
        SURVEY = "survey", _("survey")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.ticket_id} {self.kind}"


class CannedReply(models.Model):
    """A reply staff insert and adapt; a snippet editable by the desk."""

    title = models.CharField(_("title"), max_length=100)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default="nl")
    body = models.TextField(_("text"), max_length=5000)

    panels = [FieldPanel("title"), FieldPanel("language"), FieldPanel("body")]

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["language", "title"]

    def __str__(self):
        return self.title
