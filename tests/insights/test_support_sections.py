"""The desk on the dashboard: tickets per day by source and by topic, CSAT and NPS per week,
and the latest survey answers with a comment, on a small known data set."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from insights import selectors, services
from support import services as desk
from support.models import Source, SurveyInvitation, Ticket, Topic
from support.roles import ensure_support_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Monday 23 to Monday 30 November: two calendar weeks, the second one day long.
FIRST, MIDDLE, LAST = dt.date(2026, 11, 23), dt.date(2026, 11, 25), dt.date(2026, 11, 30)
PERIOD = selectors.Period(FIRST, LAST)
PARAMS = {"range": "custom", "start": FIRST.isoformat(), "end": LAST.isoformat()}


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def ticket(day, *, source=Source.CONTACT, topic=None, email="klant@example.nl"):
    made = desk.create_ticket(
        subject="Waar blijft mijn pakket?", body="Mijn pakket is al vijf dagen onderweg.",
        language="nl", source=source, email=email,
        topic=Topic.objects.get(slug=topic) if topic else None,
    )
    Ticket.objects.filter(pk=made.pk).update(created_at=at(day, 9))
    return made


def answer(made, agent, *, day, csat, nps=None, csat_comment="", nps_comment=""):
    """Resolve `made`, then its shopper answers the surveys on `day` (CSAT at 12:00, NPS at
    13:00; NPS is asked once per 90 days per shopper)."""
    desk.resolve(ticket=made, by=agent)
    for invitation in desk.invite_after_resolve(ticket=made):
        is_csat = invitation.kind == SurveyInvitation.Kind.CSAT
        score, comment = (csat, csat_comment) if is_csat else (nps, nps_comment)
        if score is None:
            continue
        desk.answer_survey(invitation=invitation, score=score, comment=comment)
        SurveyInvitation.objects.filter(pk=invitation.pk).update(
            answered_at=at(day, 12 if is_csat else 13))


@pytest.fixture
def agent(db):
    user = UserFactory(username="agent", is_staff=True)
    user.groups.add(ensure_support_group())
    return user


@pytest.fixture
def tickets(agent):
    """Six tickets in the period, one in the week before:
    23 Nov: contact/bezorging ×2, private/betalen; 25 Nov: escalated and feedback, no topic;
    30 Nov: contact/retourneren. Surveys: the first (CSAT 5 "Snel geholpen", NPS 9) on the
    23rd; the last (CSAT 2 "Duurde lang", NPS 3 "Niet tevreden over de retour") on the 30th."""
    quick = ticket(FIRST, topic="bezorging", email="sanne@example.nl")
    ticket(FIRST, topic="bezorging")
    ticket(FIRST, source=Source.PRIVATE, topic="betalen")
    ticket(MIDDLE, source=Source.ESCALATED)
    ticket(MIDDLE, source=Source.FEEDBACK)
    slow = ticket(LAST, topic="retourneren", email="piet@example.nl")
    ticket(FIRST - dt.timedelta(days=2), topic="bestellen")
    answer(quick, agent, day=FIRST, csat=5, nps=9, csat_comment="Snel geholpen")
    answer(slow, agent, day=LAST, csat=2, nps=3, csat_comment="Duurde lang",
           nps_comment="Niet tevreden over de retour")
    services.roll_up_range(FIRST - dt.timedelta(days=8), LAST)


class TestTicketsOverTime:
    def test_the_roll_up_counts_tickets_per_topic(self, tickets):
        from insights.models import DailyFigure

        rows = dict(DailyFigure.objects.filter(day=FIRST, metric="tickets_topic")
                    .values_list("dimension", "value"))
        assert rows == {"bezorging": 2, "betalen": 1}
        assert DailyFigure.objects.get(day=MIDDLE, metric="tickets_topic").dimension == ""

    def test_by_source_per_day(self, tickets):
        over = selectors.tickets_over_time(selectors.figures(PERIOD), selectors.topic_names())
        lines = {line.key: line.values for line in over["by_source"]}
        assert list(lines) == ["contact", "escalated", "private", "feedback"]
        assert lines["contact"] == [2, 0, 0, 0, 0, 0, 0, 1]
        assert lines["escalated"] == [0, 0, 1, 0, 0, 0, 0, 0]
        assert lines["private"] == [1, 0, 0, 0, 0, 0, 0, 0]
        assert lines["feedback"] == [0, 0, 1, 0, 0, 0, 0, 0]
        assert over["total"] == 6

    def test_by_topic_in_the_topics_order_without_topic_last(self, tickets):
        over = selectors.tickets_over_time(selectors.figures(PERIOD), selectors.topic_names())
        assert [(line.label, line.total) for line in over["by_topic"]] == [
            ("Betalen", 1), ("Bezorging", 2), ("Retourneren", 1), ("Geen onderwerp", 2)
        ]
        assert over["by_topic"][1].values == [2, 0, 0, 0, 0, 0, 0, 0]

    def test_topic_names_follow_the_language(self, db):
        from django.utils import translation

        with translation.override("en"):
            assert selectors.topic_names()["retourneren"] == "Returns"
        with translation.override("nl"):
            assert selectors.topic_names()["retourneren"] == "Retourneren"


class TestSurveys:
    def test_csat_and_nps_per_calendar_week(self, tickets):
        weeks = selectors.survey_weeks(selectors.figures(PERIOD))
        assert [(w.first, w.last, w.csat_answers, w.csat_average, w.nps_answers, w.nps)
                for w in weeks] == [
            (FIRST, dt.date(2026, 11, 29), 1, 5.0, 1, 100.0),
            (LAST, LAST, 1, 2.0, 1, -100.0),
        ]

    def test_the_latest_answers_with_a_comment_newest_first(self, tickets):
        comments = selectors.survey_comments(PERIOD)
        assert [(c.kind, c.score, c.topic, c.comment, c.answered_at) for c in comments] == [
            ("nps", 3, "Retourneren", "Niet tevreden over de retour", at(LAST, 13)),
            ("csat", 2, "Retourneren", "Duurde lang", at(LAST, 12)),
            ("csat", 5, "Bezorging", "Snel geholpen", at(FIRST, 12)),
        ]
        assert comments[0].reference == Ticket.objects.get(requester_email="piet@example.nl")\
            .reference
        assert (comments[0].max_score, comments[1].max_score) == (10, 5)

    def test_at_most_ten_comments_in_one_query(self, tickets, django_assert_num_queries):
        for n in range(12):
            SurveyInvitation.objects.create(kind="csat", email=f"k{n}@example.nl", score=4,
                                            comment=f"Opmerking {n}",
                                            answered_at=at(MIDDLE, 8) + dt.timedelta(minutes=n))
        with django_assert_num_queries(1):
            comments = selectors.survey_comments(PERIOD)
        assert len(comments) == 10
        assert [c.comment for c in comments[2:]] == [f"Opmerking {n}" for n in range(11, 3, -1)]


@pytest.fixture
def owner(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start:html.index("</section>", start)]


class TestOnTheDashboard:
    def test_support_over_time_in_dutch(self, client, owner, tickets):
        html = section(client.get(reverse("insights_dashboard"), PARAMS).text, "insights-desk")
        assert 'data-chart="insights-source-data"' in html
        assert 'data-chart="insights-topic-data"' in html
        topics = html[html.index("insights-ticket-topics"):]
        header = topics[:topics.index("</thead>")]
        assert [cell.split("</th>")[0] for cell in header.split('<th scope="col">')[2:]] == [
            "Betalen", "Bezorging", "Retourneren", "Geen onderwerp"]
        totals = topics[topics.index("<tfoot>"):topics.index("</tfoot>")]
        assert "<td>1</td><td>2</td><td>1</td><td>2</td>" in totals

    def test_surveys_with_comments_linking_to_the_ticket(self, client, owner, tickets):
        html = section(client.get(reverse("insights_dashboard"), PARAMS).text,
                       "insights-surveys")
        assert "<td>5,0 / 5</td>" in html and "<td>+100</td>" in html
        assert "<td>2,0 / 5</td>" in html and "<td>-100</td>" in html
        slow = Ticket.objects.get(requester_email="piet@example.nl")
        assert f'<a href="{reverse("support_ticket", args=[slow.pk])}">{slow.reference}</a>' \
            in html
        assert html.index("Niet tevreden over de retour") < html.index("Snel geholpen")

    def test_who_cannot_open_tickets_sees_the_reference_without_a_link(self, client, tickets):
        from django.contrib.auth.models import Permission

        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                    Permission.objects.get(codename="view_dailyfigure"))
        client.force_login(editor)
        html = section(client.get(reverse("insights_dashboard"), PARAMS).text,
                       "insights-surveys")
        slow = Ticket.objects.get(requester_email="piet@example.nl")
        assert slow.reference in html
        assert reverse("support_ticket", args=[slow.pk]) not in html

    def test_empty_states(self, client, owner):
        html = client.get(reverse("insights_dashboard"), PARAMS).text
        assert "Er zijn in deze periode geen tickets gemaakt." in section(html, "insights-desk")
        surveys = section(html, "insights-surveys")
        assert "Niemand heeft in deze periode een enquête ingevuld." in surveys
        assert "In deze periode kwam er bij geen enquête een opmerking." in surveys


class TestCsv:
    def get(self, client, table):
        response = client.get(reverse("insights_csv", args=[table]), PARAMS)
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.reader(io.StringIO(response.content.decode())))

    def test_tickets_by_source(self, client, owner, tickets):
        rows = self.get(client, "ticket_sources")
        assert rows[0] == ["Dag", "contactformulier", "doorgezette vraag", "privévraag",
                           "feedback op een artikel"]
        assert rows[1] == ["2026-11-23", "2", "0", "1", "0"]
        assert rows[3] == ["2026-11-25", "0", "1", "0", "1"]
        assert rows[8] == ["2026-11-30", "1", "0", "0", "0"]
        assert len(rows) == 9

    def test_tickets_by_topic(self, client, owner, tickets):
        rows = self.get(client, "ticket_topics")
        assert rows[0] == ["Dag", "Betalen", "Bezorging", "Retourneren", "Geen onderwerp"]
        assert rows[1] == ["2026-11-23", "1", "2", "0", "0"]
        assert rows[3] == ["2026-11-25", "0", "0", "0", "2"]

    def test_survey_weeks_and_comments(self, client, owner, tickets):
        assert self.get(client, "survey_weeks") == [
            ["Van", "Tot en met", "CSAT-antwoorden", "CSAT-gemiddelde", "NPS-antwoorden",
             "NPS"],
            ["2026-11-23", "2026-11-29", "1", "5.0", "1", "100.0"],
            ["2026-11-30", "2026-11-30", "1", "2.0", "1", "-100.0"],
        ]
        slow = Ticket.objects.get(requester_email="piet@example.nl")
        rows = self.get(client, "survey_comments")
        assert rows[0] == ["Datum", "Enquête", "Score", "Hoogste score", "Ticketnummer",
                           "Onderwerp", "Opmerking van de klant"]
        assert rows[1] == ["2026-11-30", "NPS", "3", "10", slow.reference, "Retourneren",
                           "Niet tevreden over de retour"]
        assert len(rows) == 4

    def test_a_comment_cannot_become_a_spreadsheet_formula(self, client, owner):
        SurveyInvitation.objects.create(kind="csat", email="k@example.nl", score=1,
                                        comment="=HYPERLINK(\"x\")", answered_at=at(MIDDLE))
        rows = self.get(client, "survey_comments")
        assert rows[1][-1] == "'=HYPERLINK(\"x\")"


def test_the_sections_speak_english_to_an_english_admin(client, tickets):
    from wagtail.users.models import UserProfile

    owner = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(owner)
    html = client.get(reverse("insights_dashboard"), PARAMS).text
    desk_html = section(html, "insights-desk")
    assert "Tickets by topic" in desk_html
    assert "<th scope=\"col\">Returns</th>" in desk_html and "No topic" in desk_html
    assert "<td>5.0 / 5</td>" in section(html, "insights-surveys")
    assert "Escalated to customer service: 1" in section(html, "insights-helpers")
