"""The contact form: step 1, what already answers it (with the passage), a confirmed
deflection, step 2 asking only what is missing, and one ticket with the shopper's trail."""

import io

import pytest
from django.core import mail
from PIL import Image

from kb.models import Announcement
from search.models import Deflection, SearchLog, SuggestionLog
from support.models import Source, Ticket
from tests.kb import factories as kb

from .factories import topic

CONTACT = "/nl/contact/"
DESCRIPTION = "Mijn pakket is nog steeds niet bezorgd, het is te laat."


@pytest.fixture
def delivery_article(home_pages, index_now):
    category = kb.category(title="Bezorging")
    page = kb.article(category, title="Waar is mijn pakket?", body=[
        ("heading", {"text": "Betalen bij levering", "level": "h2"}),
        ("rich_text", "<p>Je kunt ook achteraf betalen met iDEAL.</p>"),
        ("heading", {"text": "Pakket te laat", "level": "h2"}),
        ("rich_text", "<p>Is je pakket te laat? Volg het met de track-and-trace code uit de "
                      "verzendmail. Na drie werkdagen sturen we een nieuw pakket.</p>"),
    ])
    index_now()
    return page


def _answers(client, **extra):
    data = {"action": "answers", "topic": topic().pk, "description": DESCRIPTION, **extra}
    return client.post(CONTACT, data)


def _step_two_data(response, **extra):
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "attachments"}
    return {**data, "action": "ticket", **extra}


class TestStepOne:
    def test_the_page_shows_channels_hours_and_the_first_reply_promise(self, client, home_pages):
        response = client.get(CONTACT)
        assert response.status_code == 200
        text = response.content.decode()
        assert "klantenservice@example.nl" in text
        assert "Maandag tot en met vrijdag" in text
        assert "We reageren binnen 8 uur." in text

    def test_english_too(self, client, home_pages):
        text = client.get("/en/contact/").content.decode()
        assert "Monday to Friday" in text and "We reply within 8 hours." in text

    def test_a_too_short_description_re_renders_with_the_text_kept(self, client, home_pages):
        response = client.post(CONTACT, {"action": "answers", "topic": topic().pk,
                                         "description": "pakket?", "postcode": "12"})
        assert response.status_code == 200
        text = response.content.decode()
        assert "pakket?" in text and "Vertel ons iets meer" in text
        assert "Een postcode ziet eruit als 1234 AB." in text


class TestWhatAlreadyAnswersIt:
    def test_the_best_article_shows_the_section_that_answers(self, client, delivery_article):
        response = _answers(client)
        text = response.content.decode()
        assert "Pakket te laat" in text
        assert "Volg het met de track-and-trace code" in text
        assert "achteraf betalen" not in text  # another section of the same article
        assert "Dit lost mijn vraag op" in text and "Ik heb nog hulp nodig" in text
        assert response.context["answers"].best.url.endswith("#pakket-te-laat")
        assert SuggestionLog.objects.get().context == "contact"

    def test_a_faq_entry_shows_its_answer(self, client, home_pages, index_now):
        kb.faq_page(kb.dutch_home(), questions=[
            ("Hoe lang duurt de bezorging?",
             "<p>Bestel je voor 22:00, dan bezorgen we morgen.</p>"),
        ])
        index_now()
        text = _answers(client, description="Hoe lang duurt de bezorging van mijn bestelling?")
        assert "Bestel je voor 22:00, dan bezorgen we morgen." in text.content.decode()

    def test_an_announcement_for_the_postcode_region_is_shown(self, client, delivery_article):
        Announcement.objects.create(title="Levering vertraagd in Friesland",
                                    message="<p>Door sneeuw een dag later.</p>",
                                    locale=kb.dutch_home().locale)
        shown = _answers(client, postcode="8911 AB").context["answers"].announcements
        assert [a.title for a in shown] == ["Levering vertraagd in Friesland"]
        other = _answers(client, postcode="1012 AB",
                         description="Wanneer komt mijn bestelling, hij is laat")
        assert other.context["answers"].announcements == []

    def test_this_solves_my_question_records_a_confirmed_contact_deflection(
            self, client, delivery_article):
        answers = _answers(client).context["answers"]
        suggestion = SuggestionLog.objects.get()
        response = client.post(CONTACT, {"action": "solved", "suggestion": suggestion.pk,
                                         "key": answers.best.key, "url": answers.best.url})
        assert "Fijn dat het geholpen heeft" in response.content.decode()
        deflection = Deflection.objects.get()
        assert (deflection.kind, deflection.context) == ("confirmed", "contact")
        assert deflection.document == f"article:{delivery_article.pk}"
        assert Ticket.objects.count() == 0

    def test_another_visitors_suggestion_is_not_credited(self, client, delivery_article):
        _answers(client)
        suggestion = SuggestionLog.objects.get()
        client.cookies.clear()
        client.post(CONTACT, {"action": "solved", "suggestion": suggestion.pk, "key": "x"})
        assert Deflection.objects.count() == 0


class TestStepTwo:
    def _to_step_two(self, client):
        response = _answers(client)
        data = {"action": "more", "suggestion": response.context["suggestion"].pk,
                "topic": topic().pk, "description": DESCRIPTION, "postcode": ""}
        return client.post(CONTACT, data)

    def test_step_two_keeps_the_description_and_asks_for_an_email_address(
            self, client, delivery_article):
        response = self._to_step_two(client)
        text = response.content.decode()
        assert DESCRIPTION in text and 'name="email"' in text and 'name="order_number"' in text
        assert SuggestionLog.objects.get().posted_at is not None  # no implicit deflection

    def test_a_signed_in_shopper_is_not_asked_for_an_address(self, client, delivery_article,
                                                              shopper):
        client.force_login(shopper)
        assert 'name="email"' not in self._to_step_two(client).content.decode()

    def test_submitting_makes_a_ticket_with_the_trail(self, client, delivery_article,
                                                      django_capture_on_commit_callbacks):
        client.get("/nl/zoeken/", {"q": "pakket kwijt"})
        log = SearchLog.objects.get()
        step_two = self._to_step_two(client)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(CONTACT, _step_two_data(
                step_two, email="klant@example.nl", order_number="20241234"))
        ticket = Ticket.objects.get()
        assert response.status_code == 302 and "/nl/contact/vraag/" in response["Location"]
        assert (ticket.source, ticket.requester_email, ticket.order_number) == (
            Source.CONTACT, "klant@example.nl", "20241234")
        assert ticket.messages.get().body == DESCRIPTION
        trail = ticket.trail
        assert trail["searches"][0]["query"] == log.query
        assert trail["suggestions"][0]["context"] == "contact"
        assert trail["suggestions"][0]["dismissed"] is True
        assert trail["shown_on_contact"][0]["title"] == "Waar is mijn pakket?"
        assert mail.outbox[-1].to == ["klant@example.nl"]
        assert ticket.reference in mail.outbox[-1].subject

    def test_a_double_submit_makes_one_ticket(self, client, delivery_article):
        data = _step_two_data(self._to_step_two(client), email="klant@example.nl")
        first = client.post(CONTACT, data)
        second = client.post(CONTACT, data)
        assert Ticket.objects.count() == 1
        assert first["Location"] == second["Location"]

    def test_bad_input_re_renders_with_the_text_intact(self, client, delivery_article):
        data = _step_two_data(self._to_step_two(client), email="", order_number="12-ab")
        response = client.post(CONTACT, data)
        text = response.content.decode()
        assert response.status_code == 200 and Ticket.objects.count() == 0
        assert DESCRIPTION in text
        assert "Vul je e-mailadres in" in text and "Een ordernummer heeft 6 tot 10 cijfers" in text

    def test_without_answers_the_form_goes_straight_to_step_two(self, client, home_pages):
        response = _answers(client, description="Xylofoon quasar zwembad regenboog")
        assert response.context["step"] == 2
        assert "Xylofoon quasar" in response.content.decode()

    def test_ticket_creation_is_rate_limited_with_a_friendly_message(
            self, client, delivery_article, settings):
        settings.SUPPORT_TICKET_RATE = 1
        step_two = self._to_step_two(client)
        client.post(CONTACT, _step_two_data(step_two, email="klant@example.nl"))
        again = _step_two_data(step_two, email="klant@example.nl", token="another-token-1234")
        response = client.post(CONTACT, again)
        assert Ticket.objects.count() == 1
        assert "Je hebt in korte tijd meerdere vragen gestuurd" in response.content.decode()


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#ff0000").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "foto.png"
    return buffer


class TestAttachments:
    def _submit(self, client, *files):
        data = _step_two_data(client.post(CONTACT, {
            "action": "more", "topic": topic().pk, "description": DESCRIPTION}),
            email="klant@example.nl")
        return client.post(CONTACT, {**data, "attachments": list(files)})

    def test_a_picture_and_a_pdf_are_kept_privately(self, client, home_pages, settings):
        pdf = io.BytesIO(b"%PDF-1.4\n%bon\n")
        pdf.name = "bon.pdf"
        response = self._submit(client, _png(), pdf)
        assert response.status_code == 302
        items = {a.content_type: a for a in Ticket.objects.get().messages.get().attachments.all()}
        assert set(items) == {"image/webp", "application/pdf"}
        assert items["application/pdf"].file.path.startswith(settings.SUPPORT_ATTACHMENTS_ROOT)
        assert not items["image/webp"].file.path.startswith(settings.MEDIA_ROOT)

    def test_another_file_is_refused_with_the_text_kept(self, client, home_pages):
        bad = io.BytesIO(b"MZ\x90\x00 not a picture")
        bad.name = "factuur.exe"
        response = self._submit(client, bad)
        text = response.content.decode()
        assert Ticket.objects.count() == 0
        assert "factuur.exe" in text and "en PDF-bestanden toevoegen." in text
        assert DESCRIPTION in text

    def test_a_pdf_over_the_limit_is_refused(self, client, home_pages, settings):
        settings.SUPPORT_ATTACHMENT_MAX_BYTES = 10
        pdf = io.BytesIO(b"%PDF-1.4\n" + b"0" * 100)
        pdf.name = "groot.pdf"
        assert "groot.pdf is" in self._submit(client, pdf).content.decode()
        assert Ticket.objects.count() == 0
