"""The conversation: staff replies e-mail the shopper with a signed link, notes stay
internal, and every change lands in the ticket's history."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from support import services
from support.models import Status, TicketEvent, TicketMessage

from .factories import ticket

pytestmark = pytest.mark.django_db


def test_a_reply_emails_the_shopper_and_waits_on_them(agent, django_capture_on_commit_callbacks):
    made = ticket()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(ticket=made, by=agent, body="Je pakket komt morgen.")
    made.refresh_from_db()
    assert made.status == Status.WAITING and made.first_response_at is not None
    assert made.assignee == agent
    sent = mail.outbox[-1]
    assert sent.to == ["klant@example.nl"] and "Je pakket komt morgen." in sent.body
    assert "/nl/contact/vraag/" in sent.body
    kinds = list(made.events.values_list("kind", flat=True))
    assert kinds == ["created", "reply", "assigned", "status"]


def test_the_first_response_time_is_kept_from_the_first_reply(agent):
    made = ticket()
    services.reply(ticket=made, by=agent, body="Eerste antwoord")
    made.refresh_from_db()
    first = made.first_response_at
    services.reply(ticket=made, by=agent, body="Tweede antwoord")
    made.refresh_from_db()
    assert made.first_response_at == first


def test_an_internal_note_is_not_emailed(agent, django_capture_on_commit_callbacks):
    made = ticket()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_note(ticket=made, by=agent, body="Klant belde ook al.")
    assert mail.outbox == []
    assert made.messages.filter(kind=TicketMessage.Kind.NOTE).count() == 1


def test_only_customer_service_replies_notes_assigns_or_resolves(shopper):
    made = ticket()
    for call in (lambda: services.reply(ticket=made, by=shopper, body="x"),
                 lambda: services.add_note(ticket=made, by=shopper, body="x"),
                 lambda: services.assign(ticket=made, by=shopper, assignee=shopper),
                 lambda: services.resolve(ticket=made, by=shopper)):
        with pytest.raises(PermissionDenied):
            call()


def test_resolving_stamps_the_time_and_reopening_clears_it(agent):
    made = ticket()
    services.resolve(ticket=made, by=agent)
    made.refresh_from_db()
    assert made.status == Status.RESOLVED and made.resolved_at is not None
    services.change_status(ticket=made, by=agent, status=Status.OPEN)
    made.refresh_from_db()
    assert made.resolved_at is None
    assert made.events.filter(kind=TicketEvent.Kind.STATUS).count() == 2


def test_a_shopper_reply_reopens_a_waiting_ticket(agent, shopper):
    made = ticket(requester=shopper)
    services.reply(ticket=made, by=agent, body="Welke kleur?")
    services.shopper_reply(ticket=made, body="Blauw graag", user=shopper)
    made.refresh_from_db()
    assert made.status == Status.OPEN
    assert made.events.filter(kind=TicketEvent.Kind.SHOPPER).count() == 1


def test_another_shopper_cannot_reply_without_the_link(shopper):
    from tests.factories import UserFactory

    made = ticket(requester=shopper)
    with pytest.raises(PermissionDenied):
        services.shopper_reply(ticket=made, body="Ik ook", user=UserFactory())
