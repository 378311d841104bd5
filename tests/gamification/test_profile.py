"""The member profile: questions and answers (paginated), a reputation history with a
labelled chart and a table of the same figures, the latest changes, and the member's badges
with their dates and the badges they are closest to. A fixed number of queries."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone, translation

from community.models import Answer, PostStatus, Question
from gamification import rates, rules, services
from gamification.models import BadgeAward
from tests.community.factories import answer, ask, member_with
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def profile(client, member, lang="en", **query):
    with translation.override(lang):
        return client.get(member.get_absolute_url(), query)


def chart_data(html):
    found = re.search(
        r'<script id="reputation-history-data" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1))


@pytest.fixture(autouse=True)
def no_first_post_review(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


@pytest.fixture
def helper(db):
    return UserFactory(display_name="Hanna Helpt")


@pytest.fixture
def poster(db):
    """A member whose posts are published at once (new members' first posts wait)."""
    return member_with(200, display_name="Piet Post")


def regular_ask(**kwargs):
    return ask(author=member_with(200), **kwargs)


class TestPosts:
    def test_lists_questions_and_answers_in_two_tabs(self, client, home_pages, poster):
        mine = ask(author=poster, title="Hoe reinig ik de airfryer?")
        other = regular_ask(title="Wanneer komt mijn bestelling?")
        answer(other, author=poster, body="Binnen drie werkdagen, kijk bij je bestelling.")
        questions = profile(client, poster)
        assert [q.pk for q in questions.context["posts"]] == [mine.pk]
        assert questions.context["post_counts"] == {"questions": 1, "answers": 1}
        answers = profile(client, poster, tab="answers").content.decode()
        assert "Wanneer komt mijn bestelling?" in answers
        assert "Hoe reinig ik de airfryer?" not in answers.split('id="posts"')[1]

    def test_answers_are_paginated_ten_a_page(self, client, home_pages, poster):
        question = regular_ask()
        with rates.unlimited():
            for n in range(12):
                answer(question, author=poster, body=f"Antwoord nummer {n} met genoeg tekst.")
        first = profile(client, poster, tab="answers")
        assert len(first.context["posts"]) == 10
        html = first.content.decode()
        assert "tab=answers&amp;page=2" in html
        second = profile(client, poster, tab="answers", page="2")
        assert len(second.context["posts"]) == 2

    def test_hidden_posts_are_not_listed(self, client, home_pages, poster):
        shown = ask(author=poster, title="Zichtbare vraag over de levering")
        hidden = ask(author=poster, title="Verwijderde vraag over de levering")
        Question.objects.filter(pk=hidden.pk).update(visibility=PostStatus.DELETED)
        gone = answer(
            regular_ask(), author=poster, body="Dit antwoord is door een moderator verwijderd."
        )
        Answer.objects.filter(pk=gone.pk).update(visibility=PostStatus.DELETED)
        response = profile(client, poster)
        assert [q.pk for q in response.context["posts"]] == [shown.pk]
        assert response.context["post_counts"] == {"questions": 1, "answers": 0}
        assert profile(client, poster, tab="answers").context["posts"].__len__() == 0

    @pytest.mark.parametrize("page", ["²", "-3", "9999", "abc"])
    def test_odd_page_numbers_show_a_page(self, client, home_pages, poster, page):
        ask(author=poster)
        assert profile(client, poster, page=page).status_code == 200

    def test_an_unknown_tab_shows_questions(self, client, home_pages, poster):
        assert profile(client, poster, tab="votes").context["tab"] == "questions"

    def test_empty_lists_say_so(self, client, home_pages, poster):
        with translation.override("nl"):
            html = profile(client, poster, "nl", tab="answers").content.decode()
        assert "Nog geen antwoorden." in html


class TestReputationHistory:
    def test_the_chart_has_labels_a_title_per_axis_and_the_daily_totals(
        self, client, home_pages, helper
    ):
        voter = UserFactory()
        services.record(
            user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:1", actor=voter,
            at=timezone.now() - dt.timedelta(days=3),
        )  # fmt: skip
        services.record(user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:2", actor=voter)
        html = profile(client, helper, "nl").content.decode()
        data = chart_data(html)
        assert len(data["labels"]) == 90 and data["labels"][-1] == timezone.localdate().isoformat()
        assert data["datasets"][0]["label"] == "Reputatie"
        assert (data["xTitle"], data["yTitle"]) == ("Dag", "Reputatie")
        assert data["datasets"][0]["data"][-1] == 21 and data["datasets"][0]["data"][-4] == 11
        assert 'data-reputation-chart="reputation-history-data"' in html
        assert "js/reputation-chart.js" in html and "vendor/chartjs/chart.umd.min.js" in html

    def test_a_table_beside_the_chart_holds_the_same_figures(self, client, home_pages, helper):
        services.record(
            user=helper, reason=rules.ANSWER_UPVOTED, source_key="v:1", actor=UserFactory(),
        )  # fmt: skip
        html = profile(client, helper).content.decode()
        table = html.split('<details class="reputation-table">')[1].split("</details>")[0]
        assert "<caption>Reputation on each day it changed</caption>" in table
        assert re.findall(r"<td>(\d+)</td>", table) == ["1", "11"]

    def test_the_latest_changes_are_listed_with_their_reason(self, client, home_pages, helper):
        services.record(
            user=helper, reason=rules.ANSWER_ACCEPTED, source_key="a:1", actor=UserFactory()
        )
        html = profile(client, helper, "nl").content.decode()
        assert "+15" in html and "Antwoord geaccepteerd" in html

    def test_a_new_member_sees_an_empty_state(self, client, home_pages, helper):
        html = profile(client, helper).content.decode()
        assert "No reputation earned yet." in html


class TestBadges:
    def test_badges_are_listed_with_the_date_they_were_earned(self, client, home_pages, helper):
        services.record(user=helper, reason=rules.QUESTION_ASKED, source_key="q", actor=helper)
        BadgeAward.objects.filter(user=helper).update(
            awarded_at=timezone.make_aware(dt.datetime(2026, 3, 14, 12))
        )
        html = profile(client, helper, "nl").content.decode()
        assert "Leerling" in html and "verdiend op 14 mrt 2026" in html
        assert "badges.svg#badge-student" in html

    def test_a_badge_earned_more_than_once_shows_its_first_and_last_date(
        self, client, home_pages, helper
    ):
        for n, day in enumerate((3, 20)):
            award = services.award_badge(
                user=helper, badge="good-answer", award_key=f"answer:{n}",
                at=timezone.make_aware(dt.datetime(2026, 5, day, 12)),
            )  # fmt: skip
            assert award is not None
        html = profile(client, helper).content.decode()
        assert "× 2" in html and "first on 3 May 2026, last on 20 May 2026" in html

    def test_the_closest_next_badges_show_what_is_left(self, client, home_pages, helper):
        services.record(user=helper, reason=rules.QUESTION_ASKED, source_key="q", actor=helper)
        client.force_login(helper)
        html = profile(client, helper, "nl").content.decode()
        assert "Je volgende badges" in html
        assert "nog 1 antwoord" in html  # "Teacher": answer a first question.

    def test_links_to_the_badges_and_the_leaderboard(self, client, home_pages, helper):
        html = profile(client, helper, "nl").content.decode()
        assert 'href="/nl/badges/"' in html and 'href="/nl/ranglijst/"' in html


class TestQueries:
    def test_the_profile_costs_the_same_for_a_newcomer_and_a_busy_member(
        self, client, home_pages, poster, django_assert_num_queries
    ):
        newcomer = UserFactory()
        ask(author=newcomer)
        profile(client, newcomer)  # Warm Wagtail's site cache.
        with django_assert_num_queries(10) as queries:
            profile(client, newcomer)
        question = regular_ask()
        voter = UserFactory()
        with rates.unlimited():
            self.busy(poster, question, voter)
        for tab in ("questions", "answers"):
            with django_assert_num_queries(len(queries)):
                profile(client, poster, tab=tab)

    @staticmethod
    def busy(poster, question, voter):
        for n in range(12):
            ask(author=poster, title=f"Vraag nummer {n} over de bezorging")
            post = answer(question, author=poster, body=f"Antwoord {n}: kijk bij je bestelling.")
            services.record(
                user=poster, reason=rules.ANSWER_UPVOTED, source_key=f"v:{post.pk}",
                actor=voter, facts={"post": f"answer:{post.pk}", "score": 1},
            )  # fmt: skip
