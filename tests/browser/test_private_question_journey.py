"""A shopper types a question with an order number and an IBAN on the ask form, in Chromium.
The form holds it back and says what it found (masked); "Toch openbaar plaatsen" posts it with
the values masked; "Stel het privé aan de klantenservice" sends the draft, unmasked, to
customer service as a private ticket instead, and nothing is published."""

import re

from community.models import Question
from support.models import Ticket
from tests.factories import PASSWORD, UserFactory

IBAN, IBAN_MASKED = "NL91 ABNA 0417 1643 00", "NL** **** **** **** 00"
ORDER, ORDER_MASKED = "VB-2026-123456", "VB-****-****56"


def log_in_and_type_the_question(page):
    UserFactory(username="sanne", display_name="Sanne de Vries")
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", "sanne")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")
    page.goto("/nl/vragen/")
    page.click("text=Stel een vraag")
    title = f"Bestelling {ORDER} nooit aangekomen"
    body = f"Het pakket is kwijt. Kunnen jullie het bedrag terugstorten op {IBAN}?"
    page.fill("#id_title", title)
    page.fill("#id_body", body)
    page.get_by_role("button", name="Plaats je vraag").click()
    return title, body


def test_a_question_with_an_order_number_and_an_iban_is_posted_masked(new_page, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    page = new_page()
    title, body = log_in_and_type_the_question(page)

    notice = page.locator("#pii-notice")
    notice.wait_for()
    assert "Dit lijkt over je eigen bestelling of account te gaan." in notice.inner_text()
    assert ORDER_MASKED in notice.inner_text() and IBAN_MASKED in notice.inner_text()
    assert page.input_value("#id_title") == title and page.input_value("#id_body") == body
    assert not Question.objects.exists()

    page.get_by_role("button", name="Toch openbaar plaatsen").click()
    page.wait_for_url(re.compile(r"/nl/vragen/\d+/[\w-]+/$"))
    assert page.locator("h1").inner_text() == f"Bestelling {ORDER_MASKED} nooit aangekomen"
    text = page.locator("main").inner_text()
    assert IBAN_MASKED in text
    assert ORDER not in page.content() and "0417" not in page.content()



def test_the_shopper_sends_it_privately_to_customer_service(new_page, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    page = new_page()
    log_in_and_type_the_question(page)
    page.locator("#pii-notice").wait_for()

    page.get_by_role("button", name="Stel het privé aan de klantenservice").click()
    page.wait_for_url(re.compile(r"/nl/klantenservice/mijn-vragen/"))
    assert "Je vraag is privé naar de klantenservice gegaan" in page.locator("main").inner_text()
    ticket = Ticket.objects.get()
    assert ticket.requester.username == "sanne"
    assert IBAN in page.locator("main").inner_text()  # the shopper's own, private page
    assert ORDER in ticket.subject
    assert not Question.objects.exists()


def test_the_warning_appears_while_typing_and_the_draft_goes_privately(new_page, settings):
    """With JavaScript the same notice shows before the shopper posts anything (the server's
    detector, through the check endpoint), and its "privé" button sends the draft."""
    from tests.browser.conftest import wait_until

    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    UserFactory(username="sanne", display_name="Sanne de Vries")
    page = new_page()
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", "sanne")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")
    page.goto("/nl/vragen/stellen/")
    page.fill("#id_title", "Hoe lang duurt een retour?")
    page.locator("#id_body").press_sequentially(f"Mijn IBAN is {IBAN}, ", delay=5)
    wait_until(page, "document.querySelector('[data-pii-live-notice]') !== null")
    notice = page.locator("[data-pii-live-notice]")
    assert "Dit lijkt over je eigen bestelling of account te gaan." in notice.inner_text()
    assert IBAN_MASKED in notice.inner_text()
    assert not Question.objects.exists()

    notice.get_by_role("button", name="Stel het privé aan de klantenservice").click()
    page.wait_for_url(re.compile(r"/nl/klantenservice/mijn-vragen/"))
    assert IBAN in Ticket.objects.get().messages.get().body
    assert not Question.objects.exists()
