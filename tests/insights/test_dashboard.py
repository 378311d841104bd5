"""The dashboard in the Wagtail admin: who may see it, what it costs, its CSV downloads and
turning a content gap into a draft article in the editors' workflow."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insights import services
from kb.models import ArticlePage
from search import services as search_services
from search.models import SearchLog
from tests.factories import UserFactory
from tests.kb.factories import category

pytestmark = pytest.mark.django_db


def searches(query, times, *, days_ago=0, results=0):
    moment = timezone.now() - dt.timedelta(days=days_ago)
    for n in range(times):
        row = search_services.log_search(query=query, language="nl", result_count=results,
                                         took_ms=3, visitor=f"{query}-{days_ago}-{n}")
        SearchLog.objects.filter(pk=row.pk).update(created_at=moment)


def roll_up(days=100):
    today = timezone.localdate()
    services.roll_up_range(today - dt.timedelta(days=days), today)


@pytest.fixture
def owner(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


class TestAccess:
    def test_a_shopper_cannot_open_the_dashboard(self, client):
        client.force_login(UserFactory())
        response = client.get(reverse("insights_dashboard"))
        assert response.status_code in (302, 403)

    def test_admin_users_without_the_permission_are_turned_away(self, client):
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(staff)
        response = client.get(reverse("insights_dashboard"))
        # Wagtail answers PermissionDenied in its admin with a redirect to the admin home.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
        assert reverse("insights_dashboard") not in client.get(reverse("wagtailadmin_home")).text

    def test_a_group_with_the_permission_sees_it_and_its_menu_item(self, client):
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                   Permission.objects.get(codename="view_dailyfigure"))
        client.force_login(staff)
        assert client.get(reverse("insights_dashboard")).status_code == 200
        assert reverse("insights_dashboard") in client.get(reverse("wagtailadmin_home")).text


class TestDashboardPage:
    def test_shows_figures_with_definitions_and_an_empty_state(self, client, owner):
        response = client.get(reverse("insights_dashboard"))
        assert response.status_code == 200
        html = response.text
        assert "Zelfbedieningsscore" in html
        assert "Bezoekers van het helpcentrum" in html  # the definition is on the page
        assert "Niemand heeft in deze periode gezocht." in html

    def test_the_query_count_does_not_grow_with_the_period_or_the_data(self, client, owner):
        def cost(params):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("insights_dashboard"), params).status_code == 200
            return len(queries)

        searches("storm", 6)
        roll_up(days=1)
        client.get(reverse("insights_dashboard"))  # warm Wagtail's per-process caches
        small = cost({"range": "7"})
        for days_ago in range(0, 90, 3):
            searches(f"vraag {days_ago}", 6, days_ago=days_ago)
        roll_up()
        # Session, user, profile; figures, settings ×2, top queries, gaps, phrasings; categories;
        # failing searches (settings, searches, gap questions), the gap questions and those of
        # the content gaps; pages read before a ticket (rows, titles); products (rows,
        # catalogue); the admin menu's own counts (review queue, suggested edits, re-verify
        # queue); support over time and the surveys (topic names, the latest survey comments)
        # and the top helpers (the ledger): fixed whatever the period or the data.
        assert small <= 29
        assert cost({"range": "90"}) == small
        assert cost({"range": "custom", "start": "2026-01-01", "end": "2026-11-30"}) == small

    def test_a_bad_custom_period_says_what_to_fix(self, client, owner):
        response = client.get(reverse("insights_dashboard"),
                              {"range": "custom", "start": "2026-11-30", "end": "2026-11-01"})
        assert "De begindatum moet vóór de einddatum liggen." in response.text

    def test_a_failing_query_is_listed_as_a_gap(self, client, owner):
        searches("storm", 6)
        roll_up(days=1)
        response = client.get(reverse("insights_dashboard"), {"range": "7"})
        assert "Schrijf een artikel" in response.text
        assert "storm" in response.text


class TestCsv:
    def test_each_table_downloads_as_csv(self, client, owner):
        searches("storm", 6)
        roll_up(days=1)
        response = client.get(reverse("insights_csv", args=["gaps"]), {"range": "7"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:3] == ["Taal", "Zoekvraag", "Zoekopdrachten"]
        assert rows[1][:3] == ["nl", "storm", "6"]
        for table in ("summary", "daily", "deflections", "queries"):
            assert client.get(reverse("insights_csv", args=[table])).status_code == 200

    def test_an_unknown_table_is_404(self, client, owner):
        response = client.get(reverse("insights_csv", args=["nothing"]), follow=True)
        assert response.status_code == 404


class TestGapToArticle:
    def test_writes_a_prefilled_draft_in_the_chosen_category(self, client, owner, home_pages):
        betalen = category(home_pages, title="Bezorging", slug="bezorging")
        searches("storm", 4)
        searches("Storm vertraging", 3)
        roll_up(days=1)
        response = client.post(
            reverse("insights_gap_article") + "?range=7",
            {"language": "nl", "normalised": "storm", "category": betalen.pk},
        )
        article = ArticlePage.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
        assert (article.title, article.live) == ("Storm", False)
        assert article.get_parent().specific == betalen
        body = str(article.body)
        assert "storm" in body and "zonder een antwoord te vinden" in body

    def test_a_gap_nobody_searched_makes_no_draft(self, client, owner, home_pages):
        cat = category(home_pages, title="Bezorging", slug="bezorging")
        response = client.post(reverse("insights_gap_article"),
                               {"language": "nl", "normalised": "onbekend", "category": cat.pk},
                               follow=True)
        notes = [str(m) for m in get_messages(response.wsgi_request)]
        assert notes == ["Niemand heeft hier in de gekozen periode op gezocht."]
        assert not ArticlePage.objects.exists()
