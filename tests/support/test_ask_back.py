""""Heeft dit je geholpen?": once per answered question or contact deflection, at most one a
day per person, with signed one-click answers."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from search.models import Deflection, SuggestionLog
from support import links, tasks
from support.models import AskBack
from tests.community.factories import answer, ask
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_first_post_review(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


def _path(url):
    return "/" + url.split("/", 3)[3]


def test_the_asker_is_asked_once_after_the_first_answer(django_capture_on_commit_callbacks):
    question = ask(title="Hoe ontkalk ik de machine?")
    answer(question)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_ask_backs() == 1
    assert tasks.send_ask_backs() == 0
    sent = mail.outbox[-1]
    assert sent.to == [question.author.email] and "Hoe ontkalk ik de machine?" in sent.body
    assert sent.body.count("/nl/contact/geholpen/") == 2


def test_at_most_one_a_day_per_person():
    from tests.community.factories import member_with

    author = member_with(500)  # no new-account limits between the two questions
    for title in ("Eerste vraag over bezorging", "Tweede vraag over betalen"):
        answer(ask(author=author, title=title))
    assert tasks.send_ask_backs() == 1
    AskBack.objects.update(sent_at=timezone.now() - timedelta(hours=25))
    assert tasks.send_ask_backs() == 1
    assert AskBack.objects.count() == 2


def test_yes_accepts_the_answer_and_no_opens_contact_step_two(client):
    question = ask(title="Kan ik later betalen?")
    reply = answer(question)
    tasks.send_ask_backs()
    askback = AskBack.objects.get()
    response = client.get(_path(links.askback_url(askback, True)))
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    reply.refresh_from_db()
    assert reply.is_accepted
    again = client.get(_path(links.askback_url(askback, False)))  # answered already: kept
    askback.refresh_from_db()
    assert askback.solved is True
    assert again["Location"].startswith("/nl/contact/?step=2")


def test_no_prefills_contact_step_two(client):
    question = ask(title="Mijn lader is kapot")
    answer(question)
    tasks.send_ask_backs()
    response = client.get(_path(links.askback_url(AskBack.objects.get(), False)), follow=True)
    assert "Mijn lader is kapot" in response.content.decode()
    assert response.context["step"] == 2


def test_a_contact_deflection_is_followed_up_after_a_day():
    user = UserFactory()
    suggestion = SuggestionLog.objects.create(query="retour", language="nl", context="contact",
                                              shown=1, visitor="v")
    deflection = Deflection.objects.create(kind="confirmed", context="contact", query="retour",
                                           suggestion=suggestion, document="article:1",
                                           url="/nl/retour/", visitor="v", user=user)
    assert tasks.send_ask_backs() == 0
    Deflection.objects.filter(pk=deflection.pk).update(
        created_at=timezone.now() - timedelta(hours=25))
    assert tasks.send_ask_backs() == 1
    assert AskBack.objects.get().kind == "deflection"


def test_a_tampered_link_is_refused(client):
    answer(ask())
    tasks.send_ask_backs()
    path = _path(links.askback_url(AskBack.objects.get(), True))
    assert client.get(path[:-4] + "abc/").status_code == 403


class TestReach:
    """Members get the question in their inbox and by e-mail; visitors by e-mail when they left
    an address on the contact form."""

    def test_a_member_finds_it_in_the_inbox_with_both_choices(self, client):
        from community.models import Notification

        question = ask(title="Past deze lader op mijn telefoon?")
        answer(question)
        tasks.send_ask_backs()
        note = Notification.objects.get(recipient=question.author, kind="helped")
        assert note.text == "Past deze lader op mijn telefoon?"
        client.force_login(question.author)
        page = client.get(note.url)
        text = page.content.decode()
        assert page.status_code == 200 and "Heeft dit je geholpen?" in text
        assert "Ja, opgelost" in text and "Nee, ik heb nog hulp nodig" in text
        assert AskBack.objects.get().answered_at is None  # looking is not answering

    def test_a_member_who_switched_the_email_off_gets_only_the_inbox_line(
            self, django_capture_on_commit_callbacks):
        from community.models import Notification
        from community.services import notifications

        question = ask()
        answer(question)
        notifications.save_settings(user=question.author, choices={"helped": (True, False)})
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_ask_backs() == 1
        assert not [m for m in mail.outbox if question.author.email in m.to]
        assert Notification.objects.filter(recipient=question.author, kind="helped").exists()

    def test_a_visitor_who_left_an_address_is_asked_by_email_a_day_later(
            self, client, home_pages, django_capture_on_commit_callbacks):
        suggestion = self._shown_on_contact(client)
        self._solve_on_contact(client, suggestion, email="bezoeker@example.nl")
        deflection = Deflection.objects.get()
        assert deflection.user is None
        Deflection.objects.filter(pk=deflection.pk).update(
            created_at=timezone.now() - timedelta(hours=25))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_ask_backs() == 1
        assert mail.outbox[-1].to == ["bezoeker@example.nl"]
        assert AskBack.objects.get().person == "bezoeker@example.nl"

    def test_a_visitor_without_an_address_is_not_asked_and_a_bad_address_is_named(
            self, client, home_pages):
        suggestion = self._shown_on_contact(client)
        response = self._solve_on_contact(client, suggestion, email="geen-adres")
        assert "“geen-adres” is geen e-mailadres" in response.content.decode()
        Deflection.objects.update(created_at=timezone.now() - timedelta(hours=25))
        assert tasks.send_ask_backs() == 0

    @staticmethod
    def _shown_on_contact(client):
        """The suggestion list the contact page logged for this client's visitor key."""
        from django.test import RequestFactory

        from search import visitors

        client.get("/nl/contact/")
        request = RequestFactory().get("/")
        request.COOKIES.update({name: c.value for name, c in client.cookies.items()})
        return SuggestionLog.objects.create(query="retour", language="nl", context="contact",
                                            shown=1, visitor=visitors.visitor_key(request))

    @staticmethod
    def _solve_on_contact(client, suggestion, *, email):
        return client.post("/nl/contact/", {"action": "solved", "suggestion": suggestion.pk,
                                            "key": "article:1", "url": "/nl/retour/",
                                            "email": email})


class TestYesCountsAsADeflection:
    def test_yes_on_a_question_asked_after_suggestions_records_one_deflection(self, client):
        from tests.community.factories import member_with

        author = member_with(500)
        SuggestionLog.objects.create(query="ontkalken", language="nl", context="ask", shown=3,
                                     visitor="v", user=author)
        question = ask(author=author, title="Hoe ontkalk ik de machine?")
        answer(question)
        tasks.send_ask_backs()
        yes = _path(links.askback_url(AskBack.objects.get(), True))
        client.get(yes)
        client.get(yes)
        deflection = Deflection.objects.get()
        assert (deflection.kind, deflection.context) == ("confirmed", "ask")
        assert deflection.document == f"question:{question.pk}"
        assert deflection.user == author

    def test_a_question_asked_without_suggestions_records_none(self, client):
        answer(ask())
        tasks.send_ask_backs()
        client.get(_path(links.askback_url(AskBack.objects.get(), True)))
        assert Deflection.objects.count() == 0

    def test_yes_after_a_contact_deflection_keeps_the_one_deflection(self, client):
        user = UserFactory()
        suggestion = SuggestionLog.objects.create(query="retour", language="nl",
                                                  context="contact", shown=1, visitor="v")
        Deflection.objects.create(kind="confirmed", context="contact", query="retour",
                                  suggestion=suggestion, document="article:1", url="/nl/retour/",
                                  visitor="v", user=user)
        Deflection.objects.update(created_at=timezone.now() - timedelta(hours=25))
        tasks.send_ask_backs()
        response = client.get(_path(links.askback_url(AskBack.objects.get(), True)))
        assert response["Location"] == "/nl/retour/"
        assert Deflection.objects.count() == 1


def test_an_expired_link_is_refused(client, settings):
    answer(ask())
    tasks.send_ask_backs()
    path = _path(links.askback_url(AskBack.objects.get(), True))
    settings.SUPPORT_LINK_MAX_AGE_DAYS = -1
    response = client.get(path)
    assert response.status_code == 403 and "De link is verlopen" in response.content.decode()
    assert AskBack.objects.get().answered_at is None


def test_two_copies_of_the_job_ask_once():
    answer(ask())
    assert tasks.send_ask_backs() + tasks.send_ask_backs() == 1
