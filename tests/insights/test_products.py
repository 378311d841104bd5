"""Product insights: the products asked about most across searches, questions and tickets,
the fastest growing ones and what shoppers ask for that the catalogue lacks, with exact values."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Question
from insights import selectors, services
from search import services as search_services
from search.models import SearchLog
from support.models import Ticket
from support.services import create_ticket
from tests.community.factories import ask
from tests.factories import UserFactory
from tests.kb.factories import product

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
PERIOD = selectors.Period.last_days(7, today=TODAY)


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def search(query, *, days_ago=0, times=1, language="nl"):
    for n in range(times):
        row = search_services.log_search(query=query, language=language, result_count=0,
                                         took_ms=3, visitor=f"{query}-{n}")
        SearchLog.objects.filter(pk=row.pk).update(created_at=at(TODAY - dt.timedelta(days_ago)))


@pytest.fixture
def asked(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    aroma = product()
    product(name="Steelstofzuiger Zephyr X", slug="zephyr-x", sku="SZ-410")
    search("aroma 300 ontkalken", times=3)
    search("KZ-300 lekt")                                  # by its article number
    search("Hebben jullie de Aroma 300 nog?")              # a product we have: no wish
    search("zephyr accu", days_ago=2)                      # by its model name
    search("aroma 300", days_ago=8)                        # the previous period
    search("hebben jullie ook een espressomachine", times=2)
    search("do you sell gift wrapping", language="en")     # asked once: not shown
    ask(title="Zephyr X laadt niet meer op")
    ask(title="Hoe ontkalk ik mijn apparaat het beste?", product=aroma)  # linked, not named
    ask(title="Verkopen jullie ook een broodrooster?")
    Question.objects.update(created_at=at(TODAY))
    for subject in ("Zephyr X kapot", "Hebben jullie een espressomachine?"):
        create_ticket(subject=subject, body="Graag hulp hierbij.", language="nl",
                      email="klant@example.nl")
    Ticket.objects.update(created_at=at(TODAY))
    services.roll_up_range(TODAY - dt.timedelta(days=13), TODAY)
    return aroma


def test_most_asked_products_by_source(asked):
    result = selectors.product_insights(PERIOD)
    assert [(p.slug, p.by_source, p.total, p.previous) for p in result["most_asked"]] == [
        ("aroma-300", {"search": 5, "question": 1, "ticket": 0}, 6, 1),
        ("zephyr-x", {"search": 1, "question": 1, "ticket": 1}, 3, 0),
    ]
    assert result["most_asked"][0].url == asked.get_absolute_url()  # lists its questions
    assert result["most_asked"][0].growth == pytest.approx(5.0)


def test_fastest_growing_first(asked):
    growing = selectors.product_insights(PERIOD)["growing"]
    assert [(p.slug, p.total - p.previous) for p in growing] == [("aroma-300", 5),
                                                                ("zephyr-x", 3)]


def test_asked_for_but_not_in_the_catalogue(asked):
    wishes = selectors.product_insights(PERIOD)["wishes"]
    assert [(w.language, w.thing, w.count, w.previous) for w in wishes] == [
        ("nl", "espressomachine", 3, 0),  # two searches and a ticket; the toaster once
    ]
    with translation.override("nl"):
        assert wishes[0].url == reverse("search:search") + "?q=espressomachine"


def test_costs_two_queries_whatever_the_period(asked, django_assert_num_queries):
    for days in (7, 90):
        with django_assert_num_queries(2):
            selectors.product_insights(selectors.Period.last_days(days, today=TODAY))


def test_on_the_dashboard_and_as_csv(asked, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    params = {"range": "custom", "start": "2026-11-24", "end": "2026-11-30"}
    page = client.get(reverse("insights_dashboard"), params)
    assert "Koffiezetapparaat Aroma 300" in page.text and "espressomachine" in page.text
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("insights_csv", args=["products"]), params).content.decode())))
    assert rows[1] == ["aroma-300", "Koffiezetapparaat Aroma 300", "5", "1", "0", "6", "1",
                       "5.0"]
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("insights_csv", args=["wishes"]), params).content.decode())))
    assert rows == [["Taal", "Gevraagd naar", "Aantal keer", "Vorige periode"],
                    ["nl", "espressomachine", "3", "0"]]
