"""A member at the suggest-edits level suggests an edit of someone's answer; a reviewer on a
360 px phone opens "Voorgestelde bewerkingen (1)" from the menu, reads the diff and approves
it; the answer shows the new text and the suggester earned 2. And three members at 3,000
reputation close an off-topic question by keyboard from the question page."""

import pytest

from community.models import Answer
from gamification.selectors import reputation_of
from tests.community.factories import ANSWER, answer, ask, member_with
from tests.factories import PASSWORD, UserFactory

from .conftest import wait_until

ADDED = "Bewaar je track-and-trace-code tot het pakket binnen is."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture(autouse=True)
def _no_first_post_review(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


def log_in(page, username):
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")


def points(user):
    user.__dict__.pop("_gamification_reputation", None)
    return reputation_of(user)


def test_a_suggested_edit_is_reviewed_on_a_phone_and_pays_the_suggester_two(
    new_page, site_pages
):
    question = ask(title="Mijn pakket is vijf dagen onderweg, wat nu?")
    reply = answer(question, author=UserFactory(username="bram"))
    suggester = member_with(500, username="lotte")
    member_with(2000, username="ruben")
    before = points(suggester)

    page = new_page()
    log_in(page, "lotte")
    page.goto(question.get_absolute_url())
    page.locator(f"#answer-{reply.pk}").get_by_role("link", name="Bewerking voorstellen").click()
    page.fill("#id_body", f"{ANSWER} {ADDED}")
    page.fill("#id_summary", "Tip over de track-and-trace-code")
    page.get_by_role("button", name="Bewerking voorstellen").click()
    assert "wacht op controle" in page.locator(".message-success").inner_text()
    assert ADDED not in page.locator(f"#answer-{reply.pk}").inner_text()  # not yet

    phone = new_page(width=360, height=740)
    log_in(phone, "ruben")
    phone.locator(".phone-menu summary").click()
    entry = phone.locator(".phone-menu a", has_text="Voorgestelde bewerkingen")
    assert entry.inner_text().strip() == "Voorgestelde bewerkingen (1)"
    entry.click()
    phone.wait_for_url("**/nl/vragen/voorgestelde-bewerkingen/")
    wait_until(phone, NO_SIDEWAYS_SCROLL)
    card = phone.locator(".suggestion-card")
    assert card.count() == 1
    assert ADDED in card.locator(".word-diff ins").inner_text()
    assert "Tip over de track-and-trace-code" in card.inner_text()
    card.get_by_role("button", name="Goedkeuren").click()
    assert "goedgekeurd" in phone.locator(".message-success").inner_text()
    assert phone.locator(".suggestion-card").count() == 0
    wait_until(phone, NO_SIDEWAYS_SCROLL)

    visitor = new_page()
    visitor.goto(question.get_absolute_url())
    assert ADDED in visitor.locator(f"#answer-{reply.pk}").inner_text()
    assert Answer.objects.get(pk=reply.pk).body == f"{ANSWER} {ADDED}"
    assert points(suggester) == before + 2


def test_three_members_close_an_off_topic_question_by_keyboard(new_page, site_pages):
    question = ask(title="Weet iemand een goede fietsenmaker in Utrecht?")
    voters = [member_with(3000, username=name) for name in ("fatima", "joost", "sanne")]
    for number, voter in enumerate(voters, start=1):
        page = new_page()
        log_in(page, voter.username)
        page.goto(question.get_absolute_url())
        reason = page.locator("#close-reason")
        reason.focus()
        page.keyboard.press("ArrowDown")  # from "duplicate" to "off-topic"
        wait_until(page, "document.querySelector('#close-reason').value === 'off_topic'")
        page.keyboard.press("Tab")  # the original-question field, empty for off-topic
        page.keyboard.press("Tab")
        wait_until(page, "document.activeElement.textContent.trim() === 'Stem om te sluiten'")
        page.keyboard.press("Enter")
        page.wait_for_selector(".message-success")
        assert "je stem is geteld" in page.locator(".message-success").inner_text()
        if number < 3:
            tally = page.locator(".close-votes").inner_text()
            assert f"{number} van 3 stemmen om te sluiten" in tally

    notice = page.locator("main .notice", has_text="Gesloten")
    assert "Gesloten: niet relevant hier." in notice.inner_text()
    assert "Gestemd door" in notice.inner_text()
    visitor = new_page()
    visitor.goto(question.get_absolute_url())
    assert "Gesloten: niet relevant hier." in visitor.locator("main").inner_text()
