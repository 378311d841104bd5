"""Tickets: opening one, the conversation, assignment and status."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import links
from ..models import Priority, Source, Status, Ticket, TicketAttachment, TicketEvent, TicketMessage
from ..roles import is_support_staff

MAX_BODY = 10_000


@dataclass(frozen=True)
class Upload:
    """An attachment already checked by the form (pictures re-encoded, PDFs sniffed)."""

    content: ContentFile
    name: str
    content_type: str


def require_staff(user) -> None:
    if not is_support_staff(user):
        raise PermissionDenied(_("Only customer service can do this."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message first."))
    if len(body) > MAX_BODY:
        raise ValidationError(_("A message can be at most %(max)d characters.") % {"max": MAX_BODY})
    return body


def _event(ticket: Ticket, kind: str, actor=None, **data) -> TicketEvent:
    return TicketEvent.objects.create(ticket=ticket, kind=kind, data=data,
                                      actor=actor if getattr(actor, "pk", None) else None)


def _message(ticket, kind, author, body, uploads=()) -> TicketMessage:
    message = TicketMessage.objects.create(
        ticket=ticket, kind=kind, body=body,
        author=author if getattr(author, "is_authenticated", False) else None,
    )
    for upload in uploads:
        TicketAttachment.objects.create(
            message=message, file=upload.content, name=upload.name[:200],
            content_type=upload.content_type, size=upload.content.size,
        )
    return message


def create_ticket(
    *,
    subject: str,
    body: str,
    language: str,
    source: str = Source.CONTACT,
    topic=None,
    requester=None,
    email: str = "",
    order_number: str = "",
    postcode: str = "",
    priority: str = Priority.NORMAL,
    visitor: str = "",
    trail: dict | None = None,
    uploads: list[Upload] | tuple = (),
    form_token: str | None = None,
    question=None,
    feedback=None,
) -> Ticket:
    """Open a ticket with the shopper's first message. Needs a signed-in requester or a valid
    e-mail address. With `form_token`, submitting the same form again returns the ticket the
    first submission made (a double click makes one ticket, even when both arrive at once)."""
    if form_token:
        existing = Ticket.objects.filter(form_token=form_token).first()
        if existing:
            return existing
    requester = requester if getattr(requester, "is_authenticated", False) else None
    if requester is None and source != Source.FEEDBACK:
        validate_email(email)
    try:
        with transaction.atomic():
            ticket = Ticket(
                subject=(subject or "").strip()[:200] or _("(no subject)"), source=source,
                topic=topic, requester=requester, requester_email="" if requester else email,
                language=language, order_number=order_number, postcode=postcode,
                priority=priority, visitor=visitor, trail=trail or {},
                form_token=form_token or None, question=question, feedback=feedback,
            )
            ticket.full_clean(exclude=["reference", "form_token", "question", "feedback"])
            ticket.save()
            _message(ticket, TicketMessage.Kind.SHOPPER, requester, _clean_body(body), uploads)
            _event(ticket, TicketEvent.Kind.CREATED, requester, source=source)
        if source in (Source.CONTACT, Source.PRIVATE):
            transaction.on_commit(lambda: _email_received(ticket))
    except IntegrityError:
        if form_token and (existing := Ticket.objects.filter(form_token=form_token).first()):
            return existing
        raise
    return ticket


def _send(ticket: Ticket, template: str, **extra) -> None:
    if not ticket.email:
        return
    with translation.override(ticket.language):
        context = {"ticket": ticket, "link": links.ticket_url(ticket), **extra}
        subject = render_to_string(f"support/email/{template}_subject.txt", context)
        body = render_to_string(f"support/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [ticket.email])


def _email_received(ticket: Ticket) -> None:
    """The shopper's receipt, with the signed link to add to or read the conversation."""
    _send(ticket, "created")


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _email_shopper(ticket: Ticket, message: TicketMessage) -> None:
    """A staff reply by e-mail, with the signed link that lets the shopper answer."""
    _send(ticket, "reply", message=message)


@transaction.atomic
def reply(*, ticket: Ticket, by, body: str, status: str = Status.WAITING) -> TicketMessage:
    """A staff reply, e-mailed to the shopper after commit. The first one sets
    `first_response_at`; the ticket then waits on the shopper (or gets `status`)."""
    require_staff(by)
    ticket = _locked(ticket)
    message = _message(ticket, TicketMessage.Kind.REPLY, by, _clean_body(body))
    _event(ticket, TicketEvent.Kind.REPLY, by, message=message.pk)
    if ticket.first_response_at is None:
        ticket.first_response_at = timezone.now()
        ticket.save(update_fields=["first_response_at", "updated_at"])
    if ticket.assignee_id is None:
        _assign(ticket, by, by)
    if status != ticket.status:
        _set_status(ticket, by, status)
    transaction.on_commit(lambda: _email_shopper(ticket, message))
    return message


@transaction.atomic
def add_note(*, ticket: Ticket, by, body: str) -> TicketMessage:
    """An internal note: staff only, never shown or sent to the shopper."""
    require_staff(by)
    message = _message(ticket, TicketMessage.Kind.NOTE, by, _clean_body(body))
    _event(ticket, TicketEvent.Kind.NOTE, by, message=message.pk)
    return message


def _assign(ticket, by, assignee) -> None:
    previous = ticket.assignee
    ticket.assignee = assignee
    ticket.save(update_fields=["assignee", "updated_at"])
    _event(ticket, TicketEvent.Kind.ASSIGNED, by,
           previous=str(previous) if previous else "", to=str(assignee) if assignee else "")


@transaction.atomic
def assign(*, ticket: Ticket, by, assignee) -> Ticket:
    """Give the ticket to a member of customer service (or nobody: `assignee=None`)."""
    require_staff(by)
    if assignee is not None and not is_support_staff(assignee):
        raise ValidationError(_("Tickets can only be assigned to customer service."))
    ticket = _locked(ticket)
    if ticket.assignee_id != getattr(assignee, "pk", None):
        _assign(ticket, by, assignee)
    return ticket


def _set_status(ticket: Ticket, by, status: str) -> None:
    if status not in Status.values:
        raise ValidationError(_("Unknown status."))
    previous = ticket.status
    ticket.status = status
    ticket.resolved_at = timezone.now() if status == Status.RESOLVED else None
    ticket.save(update_fields=["status", "resolved_at", "updated_at"])
    _event(ticket, TicketEvent.Kind.STATUS, by, previous=previous, to=status)
    if status == Status.RESOLVED:
        from .surveys import invite_after_resolve

        transaction.on_commit(lambda: invite_after_resolve(ticket=ticket))


@transaction.atomic
def change_status(*, ticket: Ticket, by, status: str) -> Ticket:
    """Move the ticket to `status`. Resolving stamps `resolved_at` and, after commit, invites
    the shopper to the CSAT (and, at most once per 90 days, the NPS) survey."""
    require_staff(by)
    ticket = _locked(ticket)
    if status == Status.RESOLVED and ticket.assignee_id is None:
        _assign(ticket, by, by)  # whoever resolves it answers for it in the survey results
    if ticket.status != status:
        _set_status(ticket, by, status)
    return ticket


def resolve(*, ticket: Ticket, by) -> Ticket:
    return change_status(ticket=ticket, by=by, status=Status.RESOLVED)


@transaction.atomic
def set_priority(*, ticket: Ticket, by, priority: str) -> Ticket:
    require_staff(by)
    if priority not in Priority.values:
        raise ValidationError(_("Unknown priority."))
    ticket = _locked(ticket)
    if ticket.priority != priority:
        previous, ticket.priority = ticket.priority, priority
        ticket.save(update_fields=["priority", "updated_at"])
        _event(ticket, TicketEvent.Kind.PRIORITY, by, previous=previous, to=priority)
    return ticket


@transaction.atomic
def shopper_reply(*, ticket: Ticket, body: str, user=None, via_link: bool = False,
                  uploads: list[Upload] | tuple = ()) -> TicketMessage:
    """The shopper answers: their own ticket when signed in, or any ticket whose signed link
    they hold (`via_link`, checked by the view). A waiting or resolved ticket opens again."""
    user = user if getattr(user, "is_authenticated", False) else None
    if not via_link and (user is None or ticket.requester_id != user.pk):
        raise PermissionDenied(_("This is not your ticket."))
    ticket = _locked(ticket)
    message = _message(ticket, TicketMessage.Kind.SHOPPER, user, _clean_body(body), uploads)
    _event(ticket, TicketEvent.Kind.SHOPPER, user, message=message.pk)
    if ticket.status in (Status.WAITING, Status.RESOLVED):
        _set_status(ticket, user, Status.OPEN)
    return message
