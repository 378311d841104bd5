"""Pages shoppers read and still contacted customer service about within a day, with exact
counts from a small known data set."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from insights import selectors, services
from search import services as search_services
from search.models import SearchClick, SearchLog, SuggestionLog
from support.models import Ticket
from support.services import create_ticket
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
RETURNS, DELIVERY = "/nl/retourneren/", "/nl/bezorging/"


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def read(visitor, url, moment):
    row = search_services.log_search(query="retour", language="nl", result_count=2,
                                     took_ms=3, visitor=visitor)
    click = search_services.record_click(search=row, position=1, url=url)
    SearchLog.objects.filter(pk=row.pk).update(created_at=moment)
    SearchClick.objects.filter(pk=click.pk).update(created_at=moment)


def ticket(visitor, moment, *, trail=None):
    made = create_ticket(subject="Mijn retour", body="Het lukt me niet om te retourneren.",
                         language="nl", email="klant@example.nl", visitor=visitor, trail=trail)
    Ticket.objects.filter(pk=made.pk).update(created_at=moment)


@pytest.fixture
def visits():
    day, before = TODAY, TODAY - dt.timedelta(days=1)
    read("a", RETURNS + "?from=search", at(day, 10))
    ticket("a", at(day, 12))                        # read, then a ticket two hours later
    read("b", RETURNS, at(day, 11))                 # read, no ticket
    read("c", RETURNS, at(before, 20))
    ticket("c", at(day, 10))                        # read last night: within a day
    read("d", RETURNS, at(day - dt.timedelta(days=2), 9))
    ticket("d", at(day, 9))                         # read two days earlier: not counted
    ticket("f", at(day, 8))
    read("f", RETURNS, at(day, 9))                  # the read came after the ticket
    suggestion = search_services.log_suggestions(query="bezorging", language="nl",
                                                 context="contact", shown=3, visitor="e")
    search_services.record_suggestion_click(suggestion=suggestion, position=1, url=DELIVERY)
    SuggestionLog.objects.filter(pk=suggestion.pk).update(created_at=at(day, 13),
                                                          clicked_at=at(day, 13))
    ticket("e", at(day, 14))                        # read a suggestion, then a ticket
    ticket("", at(day, 15), trail={"pages": [DELIVERY]})  # support's trail says so too
    services.roll_up_range(TODAY - dt.timedelta(days=6), TODAY)


def test_pages_read_before_a_ticket_with_exact_counts(visits):
    rows = selectors.read_then_ticket(selectors.Period.last_days(7, today=TODAY))
    assert [(r.url, r.reads, r.tickets) for r in rows] == [
        (RETURNS, 5, 2),   # reads by a, b, c, d and f; tickets by a and c
        (DELIVERY, 1, 2),  # the suggestion click; tickets by e and by the trail
    ]
    assert rows[0].ticket_rate == pytest.approx(2 / 5)


def test_the_previous_period_does_not_count(visits):
    rows = selectors.read_then_ticket(selectors.Period.last_days(7, today=TODAY
                                                                  - dt.timedelta(days=7)))
    assert rows == []


def test_costs_two_queries(visits, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.read_then_ticket(selectors.Period.last_days(90, today=TODAY))


def test_on_the_dashboard_and_as_csv(visits, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    params = {"range": "custom", "start": "2026-11-24", "end": "2026-11-30"}
    page = client.get(reverse("insights_dashboard"), params)
    assert "Gelezen, en toch een ticket" in page.text and RETURNS in page.text
    response = client.get(reverse("insights_csv", args=["quality"]), params)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Pagina", "Titel", "Keer gelezen", "Tickets binnen een dag",
                       "Tickets per keer gelezen"]
    assert rows[1][:4] == [RETURNS, "", "5", "2"]
