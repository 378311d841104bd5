"""A search that keeps failing for different visitors is offered to moderators as an open
community question, once; a later search for it that leads to a click closes the gap."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community.models import Question
from insights import demo, selectors, services, tasks
from insights.models import GapQuestion
from search import services as search_services
from search.models import SearchClick, SearchLog
from tests.community.factories import moderator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def failing(query, visitors, *, days_ago=0, results=0):
    moment = timezone.now() - dt.timedelta(days=days_ago)
    for n in range(visitors):
        row = search_services.log_search(query=query, language="nl", result_count=results,
                                         took_ms=3, visitor=f"{query}-{days_ago}-{n}")
        SearchLog.objects.filter(pk=row.pk).update(created_at=moment)


def dashboard_user(user, client):
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"),
                              Permission.objects.get(codename="view_dailyfigure"))
    client.force_login(user)
    return user


class TestFailingSearches:
    def test_the_demo_traffic_has_a_search_gap_for_the_community(self):
        demo.seed_traffic(days=10)
        offered = {need.example: need for need in selectors.failing_searches()}
        assert "bezorgen op zondag" in offered
        assert offered["bezorgen op zondag"].visitors == 14  # two shoppers a day for a week

    def test_counts_distinct_visitors_within_seven_days(self):
        failing("levering zondag", 4)
        failing("levering zondag", 3, days_ago=8)  # outside the week
        row = search_services.log_search(query="Levering zondag", language="nl",
                                         result_count=0, took_ms=3, visitor="levering zondag-0-0")
        assert row.visitor == "levering zondag-0-0"  # the same visitor again: still four
        assert selectors.failing_searches() == []
        failing("levering op zondag", 1)  # same need, another visitor: five
        [need] = selectors.failing_searches()
        assert (need.normalised, need.visitors, need.searches) == ("lever zondag", 5, 6)

    def test_a_need_that_usually_finds_its_answer_is_not_offered(self):
        for n in range(6):
            row = search_services.log_search(query="retourneren", language="nl",
                                             result_count=4, took_ms=3, visitor=f"r{n}")
            if n < 4:  # 4 of 11 clicked: more than a quarter
                search_services.record_click(search=row, position=1, url="/nl/retour/")
        failing("retourneren", 5, results=4)
        assert selectors.failing_searches(threshold=5) == []


class TestAskTheCommunity:
    def test_a_moderator_makes_one_open_question_however_often_asked(self, client):
        failing("bezorgen op zondag", 5)
        dashboard_user(moderator(), client)
        page = client.get(reverse("insights_dashboard"))
        assert "Maak er een communityvraag van" in page.text
        data = {"language": "nl", "normalised": selectors.failing_searches()[0].normalised}
        for _attempt in range(2):
            response = client.post(reverse("insights_gap_question"), data)
            assert response.status_code == 302
        question = Question.objects.get()
        assert question.title == "Gezocht maar niet gevonden: bezorgen op zondag"
        assert question.is_visible and question.locale == "nl"
        assert "- bezorgen op zondag" in question.body
        assert GapQuestion.objects.get().question == question
        page = client.get(reverse("insights_dashboard"))
        assert question.get_absolute_url() in page.text
        assert "Maak er een communityvraag van" not in page.text

    def test_the_english_title(self):
        for n in range(5):
            search_services.log_search(query="ship to norway", language="en", result_count=0,
                                       took_ms=3, visitor=f"e{n}")
        need = selectors.failing_searches()[0]
        gap = services.ask_community_about_gap(language="en", normalised=need.normalised,
                                               by=moderator())
        assert gap.question.title == "Searched for but not found: ship to norway"

    def test_only_moderators_may(self, client):
        failing("bezorgen op zondag", 5)
        dashboard_user(UserFactory(), client)
        assert "Maak er een communityvraag van" not in client.get(
            reverse("insights_dashboard")).text
        need = selectors.failing_searches()[0]
        response = client.post(reverse("insights_gap_question"),
                               {"language": "nl", "normalised": need.normalised}, follow=True)
        assert "Alleen moderatoren" in response.text
        assert not Question.objects.exists()

    def test_a_search_that_is_not_failing_makes_no_question(self):
        failing("bezorgen op zondag", 2)
        with pytest.raises(ValidationError, match="niet vaak genoeg"):
            services.ask_community_about_gap(language="nl", normalised="bezorg zondag",
                                             by=moderator())
        assert not Question.objects.exists()


class TestClosing:
    def test_a_later_search_with_a_click_closes_the_gap(self, client):
        failing("bezorgen op zondag", 5)
        need = selectors.failing_searches()[0]
        gap = services.ask_community_about_gap(language="nl", normalised=need.normalised,
                                               by=moderator())
        tasks.roll_up()
        gap.refresh_from_db()
        assert gap.closed_at is None  # the earlier failed searches do not close it
        later = search_services.log_search(query="Bezorgen zondag", language="nl",
                                           result_count=1, took_ms=3, visitor="later")
        assert tasks.roll_up()["closed_gaps"] == 0  # found, but nothing clicked yet
        search_services.record_click(search=later, position=1,
                                     url=gap.question.get_absolute_url())
        assert tasks.roll_up()["closed_gaps"] == 1
        gap.refresh_from_db()
        assert gap.closed_at == SearchClick.objects.get().created_at
        dashboard_user(moderator(username="tweede"), client)
        page = client.get(reverse("insights_dashboard"))
        assert f"gesloten op {timezone.localtime(gap.closed_at):%-d} december" in page.text
        assert tasks.roll_up()["closed_gaps"] == 0


def test_failing_searches_download_as_csv_with_their_question(client):
    failing("bezorgen op zondag", 5)
    need = selectors.failing_searches()[0]
    services.ask_community_about_gap(language="nl", normalised=need.normalised, by=moderator())
    dashboard_user(UserFactory(), client)
    response = client.get(reverse("insights_csv", args=["failing"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Taal", "Zoekvraag", "Bezoekers zonder antwoord"]
    assert rows[1][:6] == ["nl", "bezorgen op zondag", "5", "5", "0", "open"]
