"""Question list and question page over real HTTP: content, forms, SEO and query counts."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services
from community.models import Answer, Comment, Question, Vote
from tests.factories import PASSWORD, UserFactory

from .factories import BODY, answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db


def log_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)


class TestQuestionList:
    def test_anyone_can_read_the_list_with_sorts_and_tags(self, client):
        ask(title="Waar blijft mijn pakket?")
        ask(title="Kan ik mijn jas ruilen voor een maat groter?", tags=["retour", "maat"])
        response = client.get("/nl/vragen/?sort=active")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Waar blijft mijn pakket?" in text and "maat groter" in text
        assert "Nieuwste" in text and "Onbeantwoord" in text

    def test_tag_page_lists_only_that_tag(self, client):
        ask(title="Waar blijft mijn pakket?")
        ask(title="Kan ik mijn jas ruilen voor een maat groter?", tags=["retour"])
        text = client.get("/nl/vragen/tag/retour/").content.decode()
        assert "maat groter" in text and "Waar blijft" not in text

    def test_unanswered_excludes_answered_questions(self, client):
        answered = ask(title="Waar blijft mijn pakket?")
        answer(answered)
        ask(title="Kan ik mijn jas ruilen voor een maat groter?")
        text = client.get("/nl/vragen/?sort=unanswered").content.decode()
        assert "maat groter" in text and "Waar blijft" not in text

    def test_pending_first_posts_are_not_listed(self, client, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
        ask(title="Mijn eerste vraag over levering")
        assert "Mijn eerste vraag" not in client.get("/nl/vragen/").content.decode()

    def test_list_query_count_does_not_grow_with_questions(
        self, client, django_assert_max_num_queries
    ):
        for n in range(3):
            ask(title=f"Vraag nummer {n} over de levering", tags=["levering", f"t{n}"])
        with CaptureQueriesContext(connection) as few:
            client.get("/nl/vragen/")
        for n in range(3, 15):
            Question.objects.create(
                title=f"Vraag {n} over levering",
                slug="v",
                body=BODY,
                body_html="<p>x</p>",
                author=UserFactory(),
                locale="nl",
            )
        with django_assert_max_num_queries(len(few)):
            client.get("/nl/vragen/")


class TestQuestionPage:
    def test_canonical_slug_redirects_and_page_has_json_ld(self, client):
        question = ask()
        reply = answer(question)
        services.accept_answer(answer=reply, by=question.author)
        assert client.get(f"/nl/vragen/{question.pk}/oud/").status_code == 301
        response = client.get(question.get_absolute_url())
        text = response.content.decode()
        assert (
            f'<link rel="canonical" href="http://testserver{question.get_absolute_url()}">' in text
        )
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
        )
        assert data["@type"] == "QAPage"
        assert data["mainEntity"]["acceptedAnswer"]["text"].startswith("Neem contact op")
        question.refresh_from_db()
        assert question.view_count == 1

    def test_verified_answer_is_shown_above_the_rest(self, client):
        question = ask()
        first = answer(question, body="Eerste antwoord: wacht nog even op de bezorger.")
        second = answer(question, body="Tweede antwoord: bel de klantenservice op werkdagen.")
        services.cast_vote(user=member_with(15), post=first, value=1)
        services.verify_answer(answer=second, by=moderator())
        text = client.get(question.get_absolute_url()).content.decode()
        assert text.index("Tweede antwoord") < text.index("Eerste antwoord")
        assert "Geverifieerd door de klantenservice" in text

    def test_buttons_the_viewer_cannot_use_say_what_unlocks_them(self, client):
        question = ask(locale="en", title="Where is my parcel after five days?")
        log_in(client, UserFactory())
        text = client.get(question.get_absolute_url()).content.decode()
        assert 'disabled title="Unlocks at 15 reputation"' in text
        assert 'disabled title="Unlocks at 125 reputation"' in text

    def test_answer_form_errors_keep_the_text(self, client):
        question = ask()
        log_in(client, UserFactory())
        response = client.post(f"/nl/vragen/{question.pk}/antwoord/", {"body": "Te kort"})
        assert response.status_code == 400
        text = response.content.decode()
        assert "Te kort</textarea>" in text and "ten minste 20 tekens" in text

    def test_ask_form_errors_keep_the_text(self, client):
        log_in(client, UserFactory())
        response = client.post(
            "/nl/vragen/stellen/", {"title": "Pakket?", "body": BODY, "tags": "levering"}
        )
        text = response.content.decode()
        assert response.status_code == 200 and 'value="Pakket?"' in text and BODY in text

    def test_ask_posts_and_redirects_to_the_question(self, client):
        log_in(client, UserFactory())
        response = client.post(
            "/nl/vragen/stellen/",
            {"title": "Hoe lang duurt een terugbetaling?", "body": BODY, "tags": "retour, geld"},
        )
        question = Question.objects.get()
        assert response.status_code == 302 and response["Location"] == question.get_absolute_url()

    def test_hundred_answers_cost_the_same_queries_as_one(self, client):
        viewer = member_with(200)
        log_in(client, viewer)
        small, large = (
            ask(title="Een vraag met een antwoord"),
            ask(title="Een vraag met veel antwoorden"),
        )
        for question, count in ((small, 1), (large, 100)):
            authors = [UserFactory() for _ in range(min(count, 5))]
            answers = Answer.objects.bulk_create(
                Answer(
                    question=question,
                    author=authors[i % len(authors)],
                    body="Antwoord",
                    body_html="<p>Antwoord</p>",
                )
                for i in range(count)
            )
            Comment.objects.bulk_create(
                [
                    Comment(answer=a, author=authors[0], body="Dank", body_html="<p>Dank</p>")
                    for a in answers
                    for _ in range(3)
                ][: max(3, count * 3)]
            )
            Vote.objects.bulk_create(Vote(user=viewer, answer=a, value=1) for a in answers)
        client.get(small.get_absolute_url())  # warm caches (site root, content types)
        with CaptureQueriesContext(connection) as one:
            response = client.get(small.get_absolute_url())
        with CaptureQueriesContext(connection) as hundred:
            big = client.get(large.get_absolute_url())
        assert response.status_code == big.status_code == 200
        assert big.content.decode().count('class="post answer') == 100
        assert big.content.decode().count('<li id="comment-') == 300
        assert big.content.decode().count('aria-pressed="true"') == 100
        assert len(hundred) == len(one), [q["sql"] for q in hundred.captured_queries]


class TestProductPages:
    def test_product_page_lists_its_questions_and_filters_work(self, client, home_pages):
        from tests.kb import factories as kb

        product = kb.product()
        ask(title="Koffiezetapparaat lekt aan de onderkant", product=product)
        ask(title="Waar blijft mijn pakket met de jas?")
        text = client.get("/nl/vragen/product/aroma-300/").content.decode()
        assert "lekt aan de onderkant" in text and "met de jas" not in text
        assert "Vragen over Koffiezetapparaat Aroma 300" in text
        filtered = client.get("/nl/vragen/?product=aroma-300&status=open").content.decode()
        assert "lekt aan de onderkant" in filtered and "met de jas" not in filtered


class TestVoteEndpoint:
    def test_json_vote_returns_the_new_score(self, client):
        question = ask()
        voter = member_with(15)
        log_in(client, voter)
        url = f"/nl/community/question/{question.pk}/vote/"
        headers = {"Accept": "application/json"}
        assert client.post(url, {"value": "up"}, headers=headers).json() == {
            "score": 1,
            "my_vote": 1,
        }
        assert client.post(url, {"value": "up"}, headers=headers).json() == {
            "score": 0,
            "my_vote": 0,
        }
        refused = client.post(url, {"value": "down"}, headers=headers)
        assert refused.status_code == 403 and "125" in refused.json()["error"]

    def test_plain_form_vote_redirects_back_with_a_message(self, client):
        question = ask()
        log_in(client, UserFactory())
        response = client.post(
            f"/nl/community/question/{question.pk}/vote/", {"value": "up"}, follow=True
        )
        assert response.redirect_chain[-1][0] == question.get_absolute_url()
        assert "15" in response.content.decode()


def test_filter_values_are_url_encoded_in_sort_links(client):
    ask(tags=["levering"])
    text = client.get("/nl/vragen/", {"tag": 'a"&b=<x>'}).content.decode()
    assert 'href="?sort=active&amp;tag=a%22%26b%3D%3Cx%3E"' in text
