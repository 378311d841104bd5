"""Shoppers reach their tickets by a signed link (no account) or from "Mijn vragen aan de
klantenservice" (only their own); a tampered or expired link is refused with a clear page."""

import pytest
from django.core import signing

from support import links, services
from support.models import Source, Status, Ticket
from tests.factories import UserFactory

from .factories import ticket

pytestmark = pytest.mark.django_db


class TestSignedLink:
    def test_the_link_opens_the_conversation_without_notes(self, client, agent):
        made = ticket()
        services.reply(ticket=made, by=agent, body="Morgen komt je pakket.")
        services.add_note(ticket=made, by=agent, body="Geheime notitie")
        text = client.get(links.ticket_path(made)).content.decode()
        assert "Morgen komt je pakket." in text and "Geheime notitie" not in text
        assert made.reference in text

    def test_replying_through_the_link_reopens_a_waiting_ticket(self, client, agent):
        made = ticket()
        services.reply(ticket=made, by=agent, body="Welk ordernummer?")
        response = client.post(links.ticket_path(made), {"body": "Het is 20241234."})
        assert response.status_code == 302
        made.refresh_from_db()
        assert made.status == Status.OPEN
        assert made.messages.last().body == "Het is 20241234."

    def test_an_empty_reply_re_renders(self, client):
        made = ticket()
        response = client.post(links.ticket_path(made), {"body": ""})
        assert response.status_code == 200 and "Schrijf eerst een bericht." in (
            response.content.decode())

    def test_a_tampered_link_is_refused(self, client):
        made = ticket()
        path = links.ticket_path(made)
        token = path.rstrip("/").rsplit("/", 1)[1]
        response = client.get(path.replace(token, token[:-2] + "xx"))
        assert response.status_code == 403
        assert "De link is onvolledig of gewijzigd" in response.content.decode()

    def test_a_link_for_another_ticket_reference_is_refused(self, client):
        made = ticket()
        forged = signing.dumps({"t": made.pk, "r": "KS-AAAAAA"}, salt=links.TICKET_SALT,
                               compress=True)
        assert client.get(f"/nl/contact/vraag/{forged}/").status_code == 403

    def test_an_expired_link_is_refused(self, client, settings):
        made = ticket()
        path = links.ticket_path(made)
        settings.SUPPORT_LINK_MAX_AGE_DAYS = -1
        response = client.get(path)
        assert response.status_code == 403
        assert "De link is verlopen" in response.content.decode()


class TestMyQuestions:
    def test_a_shopper_sees_only_their_own_tickets(self, client, shopper):
        own = ticket(requester=shopper, subject="Mijn eigen vraag")
        other = ticket(requester=UserFactory(), subject="Iemand anders")
        client.force_login(shopper)
        text = client.get("/nl/klantenservice/mijn-vragen/").content.decode()
        assert "Mijn eigen vraag" in text and "Iemand anders" not in text
        assert client.get(f"/nl/klantenservice/mijn-vragen/{own.reference}/").status_code == 200
        assert client.get(
            f"/nl/klantenservice/mijn-vragen/{other.reference}/").status_code == 404

    def test_anonymous_visitors_must_log_in(self, client):
        made = ticket()
        response = client.get(f"/nl/klantenservice/mijn-vragen/{made.reference}/")
        assert response.status_code == 302 and "login" in response["Location"]

    def test_a_shopper_reply_from_the_account_page(self, client, shopper, agent):
        made = ticket(requester=shopper)
        services.reply(ticket=made, by=agent, body="Welke maat?")
        client.force_login(shopper)
        client.post(f"/nl/klantenservice/mijn-vragen/{made.reference}/", {"body": "Maat 42"})
        made.refresh_from_db()
        assert made.status == Status.OPEN and made.messages.last().author == shopper

    def test_attachments_are_only_for_the_shopper_and_staff(self, client, shopper, agent):
        from django.core.files.base import ContentFile

        from support.services.tickets import Upload

        made = ticket(requester=shopper, uploads=[
            Upload(ContentFile(b"%PDF-1.4 bon", name="bon.pdf"), "bon.pdf", "application/pdf")])
        item = made.messages.get().attachments.get()
        url = f"/nl/contact/bijlage/{item.pk}/"
        client.force_login(UserFactory())
        assert client.get(url).status_code == 404
        client.force_login(shopper)
        assert client.get(url).status_code == 200
        client.force_login(agent)
        assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 bon"


class TestPrivateQuestion:
    URL = "/nl/contact/prive-vraag/"

    def test_the_draft_becomes_a_private_ticket(self, client, shopper):
        client.force_login(shopper)
        response = client.post(self.URL, {
            "title": "Bestelling 20241234 niet ontvangen",
            "body": "Mijn IBAN is NL91 ABNA 0417 1643 00, graag terugbetalen."})
        made = Ticket.objects.get()
        assert made.source == Source.PRIVATE and made.requester == shopper
        assert "NL91 ABNA 0417 1643 00" in made.messages.get().body
        assert response["Location"] == f"/nl/klantenservice/mijn-vragen/{made.reference}/"
        page = client.get(response["Location"]).content.decode()
        assert "Er is niets gepubliceerd." in page

    def test_an_empty_draft_re_renders_and_makes_no_ticket(self, client, shopper):
        client.force_login(shopper)
        response = client.post(self.URL, {"title": "  ", "body": ""})
        assert response.status_code == 400 and "Schrijf eerst je vraag." in (
            response.content.decode())
        assert Ticket.objects.count() == 0

    def test_login_and_csrf_are_required(self, client, shopper):
        assert client.post(self.URL, {"title": "x", "body": "y"}).status_code == 302
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(shopper)
        assert strict.post(self.URL, {"title": "x", "body": "y"}).status_code == 403
        assert Ticket.objects.count() == 0
