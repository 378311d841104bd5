import pytest
from django.db import IntegrityError, transaction

from support.models import Source, Status, Ticket, TicketEvent, Topic

from .factories import ticket

pytestmark = pytest.mark.django_db


def test_the_six_default_topics_exist_in_both_languages():
    slugs = list(Topic.objects.active().values_list("slug", flat=True))
    assert slugs == ["bestellen", "betalen", "bezorging", "retourneren", "account", "product"]
    delivery = Topic.objects.get(slug="bezorging")
    from django.utils import translation

    with translation.override("en"):
        assert delivery.name == "Delivery"
    with translation.override("nl"):
        assert delivery.name == "Bezorging"


def test_a_new_ticket_has_a_reference_a_first_message_and_a_created_event():
    made = ticket()
    assert made.reference.startswith("KS-") and len(made.reference) == 9
    assert made.status == Status.NEW and made.source == Source.CONTACT
    assert made.messages.get().body == "Mijn pakket is al vijf dagen onderweg."
    assert list(made.events.values_list("kind", flat=True)) == [TicketEvent.Kind.CREATED]


def test_a_shopper_ticket_needs_a_user_or_an_address():
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.create(subject="x", source=Source.CONTACT)


def test_a_resolved_ticket_must_have_a_resolution_time():
    made = ticket()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=made.pk).update(status=Status.RESOLVED)
