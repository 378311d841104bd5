"""A moderator finds the review queue from the menu with its size, sees the flagged post in
the queue itself, upholds the spam flag, and an anonymous visitor no longer sees the spam."""

import pytest

from community import services
from tests.community.factories import answer, ask, member_with, moderator
from tests.factories import PASSWORD

SPAM = "Koop goedkope horloges op horloges punt example, tachtig procent korting!"


@pytest.fixture
def spam(site_pages, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    question = ask(title="Waar blijft mijn pakket na vijf dagen?")
    reply = answer(question, body=SPAM)
    services.raise_flag(post=reply, by=member_with(15), reason="spam", note="reclame")
    services.raise_flag(post=reply, by=member_with(15), reason="spam")
    moderator(username="mila")
    return reply


def test_a_moderator_upholds_a_spam_flag_and_the_spam_is_gone(new_page, spam):
    url = spam.question.get_absolute_url()
    visitor = new_page()
    visitor.goto(url)
    assert SPAM in visitor.locator("main").inner_text()

    page = new_page()
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", "mila")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")
    page.click(".user-menu summary")
    entry = page.locator(".user-menu .menu a", has_text="Beoordelen")
    assert entry.inner_text().strip() == "Beoordelen (1)"
    entry.click()

    cards = page.locator(".review-card")
    assert cards.count() == 1  # two flags, one post, one card
    card = cards.first
    assert SPAM in card.locator(".review-card-body").inner_text()
    assert "2 meldingen" in card.inner_text()
    card.locator("input[name=why]").fill("reclame voor horloges")
    card.locator("button[value=hide]").click()
    assert "verborgen" in page.locator(".message-success").inner_text()
    assert page.locator(".review-card").count() == 0

    visitor.goto(url)
    assert SPAM not in visitor.locator("main").inner_text()
