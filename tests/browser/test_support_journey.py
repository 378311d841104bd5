"""A visitor contacts customer service: the contact form shows the passage that answers, the
visitor still needs help and sends the question; customer service finds it first in the queue
with the visitor's trail, replies and resolves; the visitor answers the CSAT survey from the
e-mail link. Screenshots at 1280 and 360 px go to $SUPPORT_SCREENSHOTS when it is set."""

import os
import re

import pytest
from django.core import mail

from search.indexing import drain
from support import services
from support.models import SurveyInvitation, Ticket
from support.roles import ensure_support_group
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb

SHOTS = os.environ.get("SUPPORT_SCREENSHOTS", "")


def shoot(page, name):
    if not SHOTS:
        return
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def desk(site_pages, settings, tmp_path):
    settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                       "OPTIONS": {"path": str(tmp_path / "search")}}
    settings.SUPPORT_ATTACHMENTS_ROOT = str(tmp_path / "attachments")
    category = kb.category(title="Bezorging")
    kb.article(category, title="Waar is mijn pakket?", body=[
        ("heading", {"text": "Retour sturen", "level": "h2"}),
        ("rich_text", "<p>Meld je retour aan via je account.</p>"),
        ("heading", {"text": "Pakket te laat", "level": "h2"}),
        ("rich_text", "<p>Is je pakket te laat? Volg het met de track-and-trace code uit de "
                      "verzendmail.</p>"),
    ])
    drain(blocking=True)
    agent = UserFactory(username="kim", display_name="Kim Klantenservice", is_staff=True)
    agent.groups.add(ensure_support_group())
    # An older ticket that was already answered: ours must still come first.
    earlier = services.create_ticket(subject="Eerder beantwoord", body="Oude vraag",
                                     language="nl", email="ander@example.nl")
    services.reply(ticket=earlier, by=agent, body="Al geholpen")
    return agent


def test_contact_deflection_ticket_reply_resolve_and_csat(new_page, desk, live_server):
    visitor = new_page()
    visitor.goto("/nl/contact/")
    assert "We reageren binnen 8 uur." in visitor.content()
    shoot(visitor, "contact-step1")
    visitor.check("text=Bezorging")
    visitor.fill("#id_description", "Mijn pakket is te laat, waar blijft het?")
    visitor.click("button:has-text('Volgende')")
    passage = visitor.locator(".contact-passage")
    assert "track-and-trace code" in passage.inner_text()
    assert visitor.locator(".contact-answer h2").inner_text() == "Pakket te laat"
    shoot(visitor, "contact-answers")
    visitor.click("text=Ik heb nog hulp nodig")
    summary = visitor.locator("#question-summary").inner_text()
    assert summary == "Mijn pakket is te laat, waar blijft het?"
    assert visitor.locator("#id_topic_0").count() == 0  # step 2 asks only what is missing
    visitor.fill("#id_email", "vera@example.nl")
    visitor.fill("#id_order_number", "20241234")
    shoot(visitor, "contact-step2")
    visitor.click("button:has-text('Naar de klantenservice sturen')")
    visitor.wait_for_selector("text=Bedankt! Je vraag heeft kenmerk")
    shoot(visitor, "ticket-shopper")
    ticket = Ticket.objects.get(requester_email="vera@example.nl")
    assert ticket.trail["suggestions"][0]["context"] == "contact"

    staff = new_page()
    staff.goto("/admin/login/")
    staff.fill("#id_username", "kim")
    staff.fill("#id_password", PASSWORD)
    staff.click("button[type=submit]")
    staff.wait_for_url("**/admin/")
    staff.goto("/admin/support/")
    first = staff.locator("table.support-queue tbody tr").first
    assert first.get_attribute("data-ticket") == ticket.reference
    shoot(staff, "admin-queue")
    first.locator("a").click()
    staff.wait_for_selector(".support-trail")
    assert "Getoond op het contactformulier" in staff.content()
    assert "Waar is mijn pakket?" in staff.locator(".support-trail").inner_text()
    shoot(staff, "admin-ticket")
    staff.fill("#id_body", "Je pakket ligt bij het afhaalpunt om de hoek.")
    staff.select_option("#id_then", "resolved")
    staff.click("button:has-text('Antwoord versturen')")
    staff.wait_for_selector("text=Je antwoord is naar de klant gemaild.")
    ticket.refresh_from_db()
    assert ticket.status == "resolved"

    survey_mail = next(m for m in reversed(mail.outbox) if "enquete" in m.body)
    link = re.search(r"https?://\S*/contact/enquete/\S+", survey_mail.body).group(0)
    path = "/" + link.split("/", 3)[3]
    visitor.goto(path)
    shoot(visitor, "survey")
    visitor.check("#id_score_3")  # the fourth choice: 4 of 5
    visitor.fill("#id_comment", "Snel en vriendelijk")
    visitor.click("button:has-text('Versturen')")
    visitor.wait_for_selector("text=Bedankt voor je antwoord!")
    csat = SurveyInvitation.objects.get(ticket=ticket, kind="csat")
    assert (csat.score, csat.comment) == (4, "Snel en vriendelijk")
