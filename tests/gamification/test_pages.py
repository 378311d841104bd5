"""The badge page, the leaderboards, the profile section and the template tags: each page
costs a fixed number of SQL queries."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from gamification import rules, services
from gamification.models import BadgeAward, Reward, RewardCode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, lang="en"):
    from django.urls import reverse

    with translation.override(lang):
        return reverse(f"gamification:{name}")


def earn(user, points, actor, n):
    services.record(
        user=user, reason=rules.DEFLECTION, source_key=f"s:{user.pk}:{n}", actor=actor,
        facts={"tags": ["bezorging"], "product": "airfryer-xl"},
    )  # fmt: skip
    if points > 5:
        services.grant_points(user=user, points=points - 5, by=actor, why="test")


@pytest.fixture
def community(db):
    actor = UserFactory(is_staff=True)
    members = [UserFactory(display_name=f"Helper {n}") for n in range(6)]
    for n, member in enumerate(members):
        earn(member, 10 * (n + 1), actor, n)
        services.record(user=member, reason=rules.QUESTION_ASKED, source_key=f"q:{n}", actor=member)
    staff = UserFactory(is_staff=True, display_name="Medewerker")
    earn(staff, 500, actor, 99)
    return members, staff


class TestUrls:
    def test_paths_are_translated(self):
        assert url("badges", "nl") == "/nl/badges/"
        assert url("leaderboard", "nl") == "/nl/ranglijst/"
        assert url("leaderboard", "en") == "/en/leaderboard/"


class TestBadgePage:
    def test_lists_every_badge_with_its_rule_and_recent_earners(
        self, client, home_pages, community
    ):
        html = client.get(url("badges")).content.decode()
        assert "Student" in html and "Asked a first question." in html
        assert "Helper 5" in html
        assert html.count('class="card badge-card"') >= 20

    def test_is_in_dutch_under_nl(self, client, home_pages, community):
        html = client.get(url("badges", "nl")).content.decode()
        assert "Stelde een eerste vraag." in html

    def test_costs_a_fixed_number_of_queries(
        self, client, home_pages, community, django_assert_num_queries
    ):
        client.get(url("badges"))  # warm Wagtail's site cache
        with django_assert_num_queries(2):  # A visitor: no progress to read.
            client.get(url("badges"))


class TestLeaderboard:
    def test_ranks_members_by_reputation_and_leaves_out_staff(self, client, home_pages, community):
        for period in ["week", "month", "all"]:
            rows = client.get(url("leaderboard"), {"period": period}).context["rows"]
            assert [r.name for r in rows[:2]] == ["Helper 5", "Helper 4"]
            assert "Medewerker" not in [r.name for r in rows]

    def test_filters_by_tag_and_product(self, client, home_pages, community):
        members, _ = community
        services.record(
            user=members[0], reason=rules.DEFLECTION, source_key="solo", actor=members[1],
            facts={"tags": ["garantie"], "product": "stofzuiger"},
        )  # fmt: skip
        by_tag = client.get(url("leaderboard"), {"tag": "Garantie"}).context["rows"]
        by_product = client.get(url("leaderboard"), {"product": "stofzuiger"}).context["rows"]
        assert [(r.name, r.points) for r in by_tag] == [("Helper 0", 5)]
        assert [(r.name, r.points) for r in by_product] == [("Helper 0", 5)]

    def test_last_weeks_points_are_not_this_weeks(self, client, home_pages):
        member, actor = UserFactory(), UserFactory()
        services.record(
            user=member, reason=rules.DEFLECTION, source_key="old", actor=actor,
            at=timezone.now() - dt.timedelta(days=40),
        )  # fmt: skip
        assert client.get(url("leaderboard"), {"period": "week"}).context["rows"] == []
        assert len(client.get(url("leaderboard"), {"period": "all"}).context["rows"]) == 1

    def test_an_unknown_period_shows_this_week(self, client, home_pages):
        assert client.get(url("leaderboard"), {"period": "ever"}).context["period"] == "week"

    @pytest.mark.parametrize("query", [{}, {"period": "all"}, {"tag": "bezorging"}])
    def test_costs_a_fixed_number_of_queries_and_none_once_cached(
        self, client, home_pages, community, django_assert_num_queries, query
    ):
        client.get("/en/")  # warm Wagtail's site cache
        expected = 1 if query.get("period") == "all" and len(query) == 1 else 2
        with django_assert_num_queries(expected):
            client.get(url("leaderboard"), query)
        with django_assert_num_queries(0):
            client.get(url("leaderboard"), query)


class TestProfileSection:
    def test_shows_reputation_level_badges_and_graph(self, client, home_pages, community):
        members, _ = community
        with translation.override("nl"):
            html = client.get(members[4].get_absolute_url()).content.decode()
        assert '<strong class="reputation-total">51</strong>' in html
        assert "Vaste kracht" in html and "Volgend niveau: Vertrouwde helper bij 125" in html
        assert "Leerling" in html
        assert 'data-reputation-chart="reputation-history-data"' in html

    def test_rewards_are_shown_only_to_their_owner(self, client, home_pages, community):
        members, _ = community
        reward = Reward.objects.create(name="Tegoedbon", kind="threshold", threshold=100)
        RewardCode.objects.create(reward=reward, code="BEDANKT-123")
        earn(members[0], 100, UserFactory(is_staff=True), 7)
        assert RewardCode.objects.get().granted_to == members[0]
        assert "BEDANKT-123" not in client.get(members[0].get_absolute_url()).content.decode()
        client.force_login(members[0])
        assert "BEDANKT-123" in client.get(members[0].get_absolute_url()).content.decode()

    def test_profile_costs_a_fixed_number_of_queries(
        self, client, home_pages, community, django_assert_num_queries,
        django_assert_max_num_queries,
    ):  # fmt: skip
        # The section costs the same however much a member has (tests/gamification/test_profile.py
        # pins the whole page).
        members, _ = community
        client.get(members[0].get_absolute_url())
        with django_assert_max_num_queries(12) as few:
            client.get(members[0].get_absolute_url())
        with django_assert_num_queries(len(few)):
            client.get(members[5].get_absolute_url())


class TestBadgeNotices:
    def test_unseen_badges_are_shown_and_dismissed(self, client, home_pages):
        member = UserFactory()
        services.record(user=member, reason=rules.QUESTION_ASKED, source_key="q", actor=member)
        client.force_login(member)
        html = render("{% unseen_badges user %}", user=member)
        assert "Student" in html
        response = client.post(url("awards_seen"), {"next": "/en/"})
        assert response.status_code == 302 and response["Location"] == "/en/"
        assert not BadgeAward.objects.filter(seen_at__isnull=True).exists()

    def test_dismissing_never_redirects_off_site(self, client, home_pages):
        client.force_login(UserFactory())
        response = client.post(url("awards_seen"), {"next": "https://evil.example/"})
        assert response["Location"] == url("badges")


def render(source, **context):
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        return Template("{% load gamification_tags %}" + source).render(
            Context({"request": request, **context})
        )


class TestTemplateTags:
    def test_privilege_button_is_disabled_with_a_hint_until_unlocked(self):
        member = UserFactory()
        with translation.override("en"):
            html = render('{% privilege_button user "vote_down" label="Down" %}', user=member)
        assert "disabled" in html and "Unlocks at 125 reputation" in html
        admin = UserFactory(is_staff=True, is_superuser=True)
        html = render('{% privilege_button user "vote_down" label="Down" %}', user=admin)
        assert "disabled" not in html and 'type="submit"' in html

    def test_reputation_level_and_privilege(self):
        member = UserFactory()
        html = render(
            "{% user_reputation user %} {% user_level user %} "
            '{% has_privilege user "ask" as can %}{{ can }}',
            user=member,
        )
        assert html == "1 Newcomer True"

    def test_flair_costs_no_queries_after_annotate(self, django_assert_num_queries):
        from gamification.selectors import annotate_flair

        members = UserFactory.create_batch(5)
        for m in members:
            services.record(user=m, reason=rules.QUESTION_ASKED, source_key="q", actor=m)
        with django_assert_num_queries(2):
            annotate_flair(members)
        with django_assert_num_queries(0):
            html = render("{% for m in members %}{% user_flair m %}{% endfor %}", members=members)
        assert html.count('class="flair"') == 5


def test_a_rarely_earned_badge_still_shows_its_earners(client, home_pages):
    rare = UserFactory(display_name="Zeldzame Zanger")
    services.record(user=rare, reason=rules.POST_EDITED, source_key="edit:1", actor=rare)
    for member in UserFactory.create_batch(8):
        services.record(user=member, reason=rules.QUESTION_ASKED, source_key="q", actor=member)
    listings = {item.badge.slug: item for item in client.get(url("badges")).context["listings"]}
    assert [a.user for a in listings["editor"].recent] == [rare]
    assert len(listings["student"].recent) == 5 and listings["student"].awarded == 8


def test_user_badges_lists_badges_in_one_query(django_assert_num_queries):
    member = UserFactory()
    services.record(user=member, reason=rules.QUESTION_ASKED, source_key="q", actor=member)
    with django_assert_num_queries(1):
        html = render("{% user_badges user %}", user=member)
    assert "Student" in html
