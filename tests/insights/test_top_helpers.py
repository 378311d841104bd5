"""Community on the dashboard: the members whose answers helped most in the period (accepted,
verified, up-voted, from the reputation ledger), staff marked, and the questions escalated to
customer service with the period comparison."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from community import services as community
from community.models import Answer
from gamification.models import ReputationEvent
from insights import selectors, services
from support.models import Source, Ticket
from support.services import create_ticket
from tests.community.factories import answer, ask, member_with, moderator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2026, 11, 23), dt.date(2026, 11, 29)
PERIOD = selectors.Period(FIRST, LAST)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def backdate_ledger(day: dt.date) -> None:
    """Everything recorded so far happened on `day` (the ledger's time and the cap's day)."""
    ReputationEvent.objects.update(created_at=at(day), day=day)


@pytest.fixture
def helpers(settings):
    """Anna: one accepted answer with two up-votes (15 + 10 + 10 = 35). Kim (staff): one
    verified answer with one up-vote (15 + 10 = 25). Bram: two up-votes, one taken back (10).
    Before the period Bram had an accepted answer, which does not count."""
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    anna = UserFactory(username="anna", display_name="Anna de Vries")
    kim = UserFactory(username="kim", display_name="", is_staff=True)
    bram = UserFactory(username="bram", display_name="Bram")
    askers = [UserFactory(username=f"vrager{n}") for n in range(4)]
    voters = [member_with(15, username=f"stemmer{n}") for n in range(2)]

    early = ask(author=askers[0], title="Waar vind ik mijn factuur van vorige maand?")
    community.accept_answer(answer=answer(early, author=bram), by=askers[0])
    backdate_ledger(FIRST - dt.timedelta(days=3))
    Answer.objects.update(created_at=at(FIRST - dt.timedelta(days=3)))  # no posting too fast

    question = ask(author=askers[1], title="Hoe lang duurt een terugbetaling na een retour?")
    helped = answer(question, author=anna)
    community.accept_answer(answer=helped, by=askers[1])
    for voter in voters:
        community.cast_vote(user=voter, post=helped, value=1)
    other = ask(author=askers[2], title="Kan ik mijn bestelling nog aanpassen na betalen?")
    verified = answer(other, author=kim)
    community.verify_answer(answer=verified, by=moderator(username="moderator"))
    community.cast_vote(user=voters[0], post=verified, value=1)
    third = ask(author=askers[3], title="Wordt mijn pakket ook op zaterdag bezorgd?")
    bram_answer = answer(third, author=bram)
    for voter in voters:
        community.cast_vote(user=voter, post=bram_answer, value=1)
    community.cast_vote(user=voters[1], post=bram_answer, value=1)  # voted again: taken back
    ReputationEvent.objects.filter(created_at__gte=at(FIRST - dt.timedelta(days=2))).update(
        created_at=at(FIRST + dt.timedelta(days=2)), day=FIRST + dt.timedelta(days=2))
    return {"anna": anna, "kim": kim, "bram": bram}


class TestTopHelpers:
    def test_ranked_by_the_points_their_answers_earned_in_the_period(self, helpers):
        rows = selectors.top_helpers(PERIOD)
        assert [(h.name, h.accepted, h.verified, h.upvotes, h.points) for h in rows] == [
            ("Anna de Vries", 1, 0, 2, 35),
            ("kim", 0, 1, 1, 25),
            ("Bram", 0, 0, 1, 10),
        ]
        assert [h.is_staff for h in rows] == [False, True, False]
        assert rows[0].url == reverse("community:profile", kwargs={"username": "anna"})

    def test_the_period_before_has_its_own_helpers(self, helpers):
        [bram] = selectors.top_helpers(PERIOD.previous())
        assert (bram.name, bram.accepted, bram.points) == ("Bram", 1, 15)

    def test_at_most_ten_and_inactive_members_left_out(self, helpers):
        helpers["anna"].is_active = False
        helpers["anna"].save(update_fields=["is_active"])
        assert [h.name for h in selectors.top_helpers(PERIOD)] == ["kim", "Bram"]
        assert [h.name for h in selectors.top_helpers(PERIOD, limit=1)] == ["kim"]

    def test_one_query_whatever_the_number_of_helpers(self, helpers, django_assert_num_queries):
        with django_assert_num_queries(1):
            selectors.top_helpers(PERIOD)

    def test_a_quiet_period_has_no_helpers(self, db):
        assert selectors.top_helpers(PERIOD) == []


def escalated(day: dt.date, n: int) -> Ticket:
    made = create_ticket(subject=f"Onbeantwoorde vraag {n}", body="Nog geen antwoord.",
                         language="nl", source=Source.ESCALATED, email=f"klant{n}@example.nl")
    Ticket.objects.filter(pk=made.pk).update(created_at=at(day))
    return made


@pytest.fixture
def escalations(db):
    """Three escalations in the period, two in the week before, and one contact ticket."""
    for n, day in enumerate([FIRST, FIRST, LAST, FIRST - dt.timedelta(days=1),
                             FIRST - dt.timedelta(days=7)]):
        escalated(day, n)
    contact = create_ticket(subject="Factuur", body="Waar is mijn factuur?", language="nl",
                            email="ander@example.nl")
    Ticket.objects.filter(pk=contact.pk).update(created_at=at(FIRST))
    services.roll_up_range(FIRST - dt.timedelta(days=7), LAST)


class TestEscalations:
    def test_counted_with_the_period_comparison(self, escalations):
        result = selectors.figures(PERIOD)
        assert result["figures"]["escalations"] == 3
        assert result["previous"]["escalations"] == 2
        assert result["changes"]["escalations"] == pytest.approx(0.5)


@pytest.fixture
def owner(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


PARAMS = {"range": "custom", "start": FIRST.isoformat(), "end": LAST.isoformat()}


def section(html: str) -> str:
    start = html.index('id="insights-helpers"')
    return html[start:html.index("</section>", start)]


class TestOnTheDashboard:
    def test_helpers_and_escalations_in_dutch(self, client, owner, helpers, escalations):
        html = section(client.get(reverse("insights_dashboard"), PARAMS).text)
        assert "Doorgezet naar de klantenservice: 3" in html
        assert "vorige periode: 2 (+50 %)" in html
        profile = reverse("community:profile", kwargs={"username": "anna"})
        assert f'<a href="{profile}">Anna de Vries</a>' in html
        assert html.index("Anna de Vries") < html.index(">kim<") < html.index(">Bram<")
        assert html.count("medewerker</span>") == 1  # Kim, the only staff member
        assert "<td>1</td><td>0</td><td>2</td><td>35</td>" in html

    def test_empty_state(self, client, owner):
        html = section(client.get(reverse("insights_dashboard"), PARAMS).text)
        assert "In deze periode is geen antwoord geaccepteerd, geverifieerd of omhoog gestemd." \
            in html
        assert "Doorgezet naar de klantenservice: 0" in html

    def test_csv(self, client, owner, helpers):
        response = client.get(reverse("insights_csv", args=["helpers"]), PARAMS)
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["Lid", "Profiel", "Medewerker", "Geaccepteerd", "Geverifieerd",
                           "Stemmen omhoog", "Punten"]
        profile = reverse("community:profile", kwargs={"username": "kim"})
        assert rows[1:] == [
            ["Anna de Vries", reverse("community:profile", kwargs={"username": "anna"}), "nee",
             "1", "0", "2", "35"],
            ["kim", profile, "ja", "0", "1", "1", "25"],
            ["Bram", reverse("community:profile", kwargs={"username": "bram"}), "nee",
             "0", "0", "1", "10"],
        ]
