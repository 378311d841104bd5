"""Personal data on the ask, answer and edit forms, over real HTTP: nothing is posted until the
member chooses; "Toch openbaar plaatsen" stores the values masked, so the unmasked text never
reaches the post, its revisions, the question page, moderators, the search index or e-mails."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from community import compose, services
from community.models import Answer, Question, Revision
from community.services.posts import PersonalDataFound
from search.backends import get_backend
from search.indexing import drain
from tests.factories import PASSWORD, UserFactory

from .factories import BODY, ask, moderator

pytestmark = pytest.mark.django_db

IBAN, IBAN_MASKED = "NL91ABNA0417164300", "NL** **** **** **** 00"
ORDER, ORDER_MASKED = "VB-2026-123456", "VB-****-****56"
TITLE = f"Bestelling {ORDER} kwijt, wat nu?"
PRIVATE_BODY = f"Mijn pakket is nooit aangekomen. Stort het geld terug op {IBAN} alsjeblieft."
RAW = (IBAN, "0417164300", ORDER)


def url(name, language="nl", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def logged_in(client, user=None):
    user = user or UserFactory()
    assert client.login(username=user.username, password=PASSWORD)
    return user


def assert_masked(text):
    for raw in RAW:
        assert raw not in text


@pytest.fixture
def private_route():
    """Register a private route as support does; restore what was registered afterwards."""
    before = compose.private_route()
    compose.register_private_route("community:questions")  # any POST-able URL will do here
    yield url("community:questions")
    compose.register_private_route(before)


class TestAskForm:
    def test_personal_data_is_not_posted_and_the_form_keeps_the_text(self, client):
        logged_in(client)
        registered = compose.private_route()
        compose.register_private_route(None)  # as if no app took private questions
        try:
            self._check_without_private_route(client)
        finally:
            compose.register_private_route(registered)

    def _check_without_private_route(self, client):
        response = client.post(url("community:ask"), {"title": TITLE, "body": PRIVATE_BODY})
        assert response.status_code == 200
        assert not Question.objects.exists()
        text = response.content.decode()
        assert "Dit lijkt over je eigen bestelling of account te gaan." in text
        assert IBAN_MASKED in text and ORDER_MASKED in text
        assert "bankrekeningnummer (IBAN)" in text and "bestelnummer" in text
        assert f'value="{TITLE}"' in text and PRIVATE_BODY in text  # the draft, intact
        assert "Toch openbaar plaatsen" in text
        assert "Stel het privé aan de klantenservice" not in text  # nobody registered a route

    def test_private_button_posts_the_same_fields_to_the_registered_route(
        self, client, private_route
    ):
        logged_in(client)
        text = client.post(url("community:ask"), {"title": TITLE, "body": PRIVATE_BODY}
                           ).content.decode()
        assert "Stel het privé aan de klantenservice" in text
        assert f'formaction="{private_route}"' in text

    def test_in_english(self, client, private_route):
        logged_in(client)
        text = client.post(url("community:ask", "en"), {"title": TITLE, "body": PRIVATE_BODY}
                           ).content.decode()
        assert "This seems to be about your own order or account." in text
        assert "Ask customer service privately" in text and "Post in public anyway" in text

    def test_post_in_public_anyway_stores_only_masked_values(
        self, client, django_capture_on_commit_callbacks
    ):
        follower = UserFactory()
        services.follow(user=follower, tag="levering")
        logged_in(client)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("community:ask"), {
                "title": TITLE, "body": PRIVATE_BODY, "tags": "levering",
                "publish_masked": "1",
            })
        question = Question.objects.get()
        assert response.status_code == 302
        assert question.title == f"Bestelling {ORDER_MASKED} kwijt, wat nu?"
        assert IBAN_MASKED in question.body and IBAN_MASKED in question.body_html
        assert_masked(question.title + question.body + question.body_html + question.slug)
        revision = Revision.objects.get(question=question)
        assert_masked(revision.title + revision.body)
        page = client.get(question.get_absolute_url()).content.decode()
        assert IBAN_MASKED in page and ORDER_MASKED in page
        assert_masked(page)
        assert [m.to for m in mail.outbox] == [[follower.email]]
        assert ORDER_MASKED in mail.outbox[0].body
        assert_masked(mail.outbox[0].subject + mail.outbox[0].body)

    def test_text_without_personal_data_posts_at_once(self, client):
        logged_in(client)
        response = client.post(url("community:ask"), {
            "title": "Hoe lang duurt levering van de KZ-300?",
            "body": "Ik bestelde er 2 voor € 12,95 op 12-03-2026; hoe lang duurt het nog?",
        })
        assert response.status_code == 302
        assert Question.objects.get().body.endswith("hoe lang duurt het nog?")


class TestAnswerForm:
    def test_answer_with_personal_data_offers_editing_not_the_private_route(
        self, client, private_route
    ):
        question = ask()
        logged_in(client)
        body = f"Bel de klantenservice op 06-12345678 en noem ordernummer {ORDER}."
        response = client.post(url("community:answer", pk=question.pk), {"body": body})
        assert response.status_code == 200
        assert not Answer.objects.exists()
        text = response.content.decode()
        assert "Dit lijkt over je eigen bestelling" in text and "**-******78" in text
        assert body in text and "Toch openbaar plaatsen" in text
        assert "Pas je tekst hierboven aan" in text
        assert "Stel het privé aan de klantenservice" not in text

    def test_masked_answer_reaches_the_page_the_index_and_e_mail_masked(
        self, client, django_capture_on_commit_callbacks, settings, tmp_path
    ):
        settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                           "OPTIONS": {"path": str(tmp_path / "search")}}
        question = ask(title="Geld terug na retour, op welke rekening?")
        logged_in(client)
        body = f"Ik kreeg het terug op {IBAN}, na bestelling {ORDER} binnen drie dagen."
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("community:answer", pk=question.pk),
                                   {"body": body, "publish_masked": "1"})
        assert response.status_code == 302
        answer = Answer.objects.get()
        assert IBAN_MASKED in answer.body and ORDER_MASKED in answer.body
        assert_masked(answer.body + answer.body_html + Revision.objects.get(answer=answer).body)
        assert_masked(client.get(question.get_absolute_url()).content.decode())
        assert [m.to for m in mail.outbox] == [[question.author.email]]
        assert_masked(mail.outbox[0].body)

        drain(blocking=True)  # whatever the after-commit task left
        reader = get_backend().searcher().reader()
        stored = " ".join(str(fields) for fields in reader.all_stored_fields())
        assert "op welke rekening" in stored and IBAN_MASKED in stored  # indexed, masked
        assert_masked(stored)
        terms = " ".join(text.decode(errors="replace") for _field, text in reader.all_terms())
        assert "0417164300" not in terms and "nl91abna0417164300" not in terms
        found = client.get(url("search:search"), {"q": "rekening retour"}).content.decode()
        assert "op welke rekening" in found
        assert_masked(found)
        for raw in (IBAN, "0417164300"):
            page = client.get(url("search:search"), {"q": raw}).content.decode()
            assert "op welke rekening" not in page


class TestEditAndModeration:
    def test_editing_in_personal_data_asks_first_then_masks_every_revision(self, client):
        author = UserFactory()
        question = ask(author=author)
        logged_in(client, author)
        data = {"title": question.title, "body": f"{BODY} Mijn IBAN is {IBAN}.",
                "tags": "levering", "summary": ""}
        response = client.post(url("community:edit_question", pk=question.pk), data)
        assert response.status_code == 200 and IBAN_MASKED in response.content.decode()
        question.refresh_from_db()
        assert IBAN not in question.body and question.revisions.count() == 1
        response = client.post(url("community:edit_question", pk=question.pk),
                               data | {"publish_masked": "1"})
        assert response.status_code == 302
        question.refresh_from_db()
        assert IBAN_MASKED in question.body
        history = client.get(url("community:question_history", pk=question.pk)).content.decode()
        assert IBAN_MASKED in history
        assert_masked(history)

    def test_moderators_review_only_masked_values(self, client, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
        newcomer = UserFactory()
        logged_in(client, newcomer)
        client.post(url("community:ask"),
                    {"title": TITLE, "body": PRIVATE_BODY, "publish_masked": "1"})
        assert Question.objects.get().visibility == "pending"
        client.logout()
        logged_in(client, moderator())
        queue = client.get(url("community:review")).content.decode()
        assert ORDER_MASKED in queue
        assert_masked(queue)


class TestServices:
    def test_ask_question_refuses_personal_data_unless_confirmed(self):
        with pytest.raises(PersonalDataFound) as found:
            ask(title=TITLE, body=PRIVATE_BODY)
        assert {f.kind for f in found.value.findings} == {"order", "iban"}
        assert not Question.objects.exists()
        question = ask(title=TITLE, body=PRIVATE_BODY, pii_confirmed=True)
        assert_masked(question.title + question.body)

    def test_comments_are_masked_without_asking(self):
        question = ask()
        comment = services.post_comment(author=question.author, post=question,
                                        body=f"Nummer is {ORDER}")
        assert comment.body == f"Nummer is {ORDER_MASKED}"


class TestSearchLogs:
    """A draft title with an order number, typed on the ask form, is logged masked."""

    def test_suggestion_and_search_logs_store_the_query_masked(self):
        from search import services as search_services

        shown = search_services.log_suggestions(
            query=f"bestelling {ORDER.lower()} kwijt", language="nl", context="ask", shown=2,
            visitor="v1")
        searched = search_services.log_search(
            query=f"geld terug op {IBAN.lower()}", language="nl", result_count=0, took_ms=3,
            visitor="v1")
        assert shown.query == "bestelling vb-****-****56 kwijt"
        assert searched.query == "geld terug op NL** **** **** **** 00"
