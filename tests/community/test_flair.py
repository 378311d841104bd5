"""Flair beside names: level, reputation and top badge, and who is staff, all authors of a
page in one query."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import selectors, services
from community.models import Question
from gamification.flair import CUSTOMER_SERVICE, MODERATOR, flair_for
from gamification.models import BadgeAward
from gamification.privileges import CUSTOMER_SERVICE_GROUP
from tests.factories import PASSWORD, UserFactory

from .factories import BODY, answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db


def service_agent():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=CUSTOMER_SERVICE_GROUP)[0])
    return user


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


class TestFlairSelector:
    def test_level_reputation_and_the_highest_tier_badge(self):
        member = member_with(1200)
        BadgeAward.objects.create(user=member, badge="student")
        BadgeAward.objects.create(user=member, badge="great-answer")  # silver
        BadgeAward.objects.create(user=member, badge="teacher")
        flair = flair_for([member.pk])[member.pk]
        assert flair.reputation == 1200 and str(flair.level.name) == "Expert"
        assert flair.top_badge.slug == "great-answer" and flair.role == ""

    def test_newcomers_have_no_ledger_yet_and_no_badge(self):
        member = UserFactory()
        flair = flair_for([member.pk])[member.pk]
        assert (flair.reputation, flair.top_badge) == (1, None)

    def test_moderators_and_customer_service_are_marked(self):
        mod, agent, shopper = moderator(), service_agent(), UserFactory()
        flairs = flair_for([mod.pk, agent.pk, shopper.pk])
        assert flairs[mod.pk].role == MODERATOR
        assert flairs[agent.pk].role == CUSTOMER_SERVICE
        assert flairs[shopper.pk].role == ""

    def test_one_query_for_any_number_of_members(self, django_assert_num_queries):
        members = [member_with(n * 100 + 1) for n in range(6)]
        for member in members[:3]:
            BadgeAward.objects.create(user=member, badge="student")
        with django_assert_num_queries(1):
            flairs = selectors.flairs([m.pk for m in members] + [None])
        assert len(flairs) == 6


class TestFlairOnPages:
    def test_question_page_shows_flair_for_question_answers_and_comments(self, client):
        question = ask(author=member_with(600))
        reply = answer(question, author=service_agent())
        services.post_comment(author=moderator(), post=reply, body="Klopt, dat is ons beleid.")
        html = client.get(question.get_absolute_url()).content.decode()
        assert html.count('class="flair"') == 3
        assert "Ervaren helper" in html  # level name of 600 in Dutch
        assert "Moderator" in html and "Klantenservice" in html

    def test_question_list_and_review_queue_show_flair(self, client):
        ask(author=member_with(600))
        assert 'class="flair"' in client.get("/nl/vragen/").content.decode()
        reply = answer(ask())
        services.raise_flag(post=reply, by=member_with(15), reason="spam")
        mod = moderator()
        client.login(username=mod.username, password=PASSWORD)
        html = client.get("/nl/vragen/beoordelen/").content.decode()
        assert 'class="flair"' in html

    def test_question_page_costs_one_flair_query_however_many_authors(self, client):
        question = ask()
        answer(question)
        queries(client, question.get_absolute_url())  # warm, as above
        few = queries(client, question.get_absolute_url())
        for n in range(6):
            reply = answer(question, author=member_with(n * 200 + 1))
            services.post_comment(author=member_with(50), post=question, body=f"Reactie {n}!")
            BadgeAward.objects.create(user=reply.author, badge="citizen")
        assert queries(client, question.get_absolute_url()) == few

    def test_question_list_costs_one_flair_query_however_many_authors(self, client):
        ask()
        queries(client, "/nl/vragen/")  # warm: the site and language lookups are cached after
        few = queries(client, "/nl/vragen/")
        for n in range(8):
            Question.objects.create(
                title=f"Vraag {n} over levering", slug="v", body=BODY, body_html="<p>x</p>",
                author=member_with(n * 100 + 1), locale="nl",
            )
        assert queries(client, "/nl/vragen/") == few

    def test_flair_is_one_query_of_the_question_page(self, client):
        question = ask()
        answer(question)
        with CaptureQueriesContext(connection) as captured:
            client.get(question.get_absolute_url())
        badge_reads = [q for q in captured if "gamification_badgeaward" in q["sql"]]
        assert len(badge_reads) == 1
