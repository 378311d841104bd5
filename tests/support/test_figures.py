"""The desk's figures on the insights dashboard: insights' daily roll-up asks support's
provider, and the period's sums give the first-reply median and p90 beside the promise, the
breaches, the CSAT average and the NPS."""

import datetime as dt

import pytest
from django.utils import timezone

from insights.models import DailyFigure
from insights.services import roll_up_day
from support import services
from support.figures import summary
from support.models import Source, SurveyInvitation, Ticket

from .factories import ticket, topic

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() - dt.timedelta(days=1)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(DAY, dt.time(hour, minute)))


def _ticket(created, replied=None, **extra):
    made = ticket(**extra)
    Ticket.objects.filter(pk=made.pk).update(created_at=created, first_response_at=replied)
    made.refresh_from_db()
    return made


def _answer(made, agent, *, csat: int, nps: int | None = None):
    services.resolve(ticket=made, by=agent)
    for invitation in services.invite_after_resolve(ticket=made):
        score = csat if invitation.kind == SurveyInvitation.Kind.CSAT else nps
        if score is not None:
            services.answer_survey(invitation=invitation, score=score, comment="")
    SurveyInvitation.objects.filter(ticket=made).update(answered_at=at(12))


def test_the_days_tickets_replies_breaches_and_surveys_reach_the_dashboard(agent, shopper):
    quick = _ticket(at(9), at(9, 30), requester=shopper)
    _ticket(at(10), at(20), email="laat@example.nl")  # ten hours: past the 8-hour promise
    _ticket(at(11), source=Source.PRIVATE, requester=shopper)  # not replied yet: breached
    _answer(quick, agent, csat=4, nps=10)
    roll_up_day(DAY)
    rows = {(f.metric, f.dimension): f.value for f in DailyFigure.objects.filter(day=DAY)}
    assert rows["tickets", "contact"] == 2 and rows["tickets", "private"] == 1
    assert rows["tickets_topic", "bezorging"] == 3  # the factory's topic, for all three
    assert rows["ticket_visitors", ""] == 2  # the shopper twice, and one visitor
    assert rows["ticket_first_reply_hours", "1"] == 1
    assert rows["ticket_first_reply_hours", "24"] == 1
    assert rows["ticket_first_reply_hours", "none"] == 1
    assert rows["sla_breaches", ""] == 2 and rows["tickets_within_promise", ""] == 1
    assert rows["csat", "sum"] == 4 and rows["csat", "count"] == 1

    figures = summary(rows, promise_hours=8)
    assert figures["tickets"] == 3
    assert (figures["first_reply_median"], figures["first_reply_p90"]) == ("24", "none")
    assert figures["sla_breaches"] == 2 and figures["csat_average"] == 4


def test_nps_counts_promoters_minus_detractors():
    rows = {("nps", "promoter"): 3, ("nps", "passive"): 1, ("nps", "detractor"): 1}
    assert summary(rows, promise_hours=8)["nps"] == 40


def test_a_quiet_period_has_no_averages():
    figures = summary({}, promise_hours=8)
    assert figures["tickets"] == 0
    assert figures["first_reply_median"] is None and figures["csat_average"] is None
    assert figures["nps"] is None


def test_the_dashboard_shows_the_desks_figures_in_dutch(agent, shopper, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import translation

    quick = _ticket(at(9), at(9, 30), requester=shopper)
    _ticket(at(10), at(20), email="laat@example.nl")
    _ticket(at(11), source=Source.PRIVATE, requester=shopper)
    _answer(quick, agent, csat=4, nps=10)
    roll_up_day(DAY)
    owner = get_user_model().objects.create_user("eigenaar", password="x", is_staff=True,
                                                 is_superuser=True)
    client.force_login(owner)
    translation.activate("nl")
    page = client.get(reverse("insights_dashboard"), {"range": "7"},
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    def card(key):
        start = page.index(f'id="figure-{key}"')
        return page[start:page.index("</li>", start)]

    assert ">3<" in card("tickets")
    assert "binnen 24 uur" in card("first_reply_median")
    assert "nog geen antwoord" in card("first_reply_p90")
    assert ">2<" in card("sla_breaches")
    assert "4,0 / 5" in card("csat_average")
    assert "+100" in card("nps")


def test_tickets_without_a_topic_count_under_no_topic(shopper):
    _ticket(at(9), requester=shopper, topic=None)
    _ticket(at(10), requester=shopper, topic=topic("betalen"))
    roll_up_day(DAY)
    rows = dict(DailyFigure.objects.filter(day=DAY, metric="tickets_topic")
                .values_list("dimension", "value"))
    assert rows == {"": 1, "betalen": 1}
