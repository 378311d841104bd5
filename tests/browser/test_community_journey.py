"""A question's life in the community, through real pages in Chromium: a shopper asks, a
second shopper answers, the first accepts, a moderator verifies the answer and promotes it
to a knowledge-base draft, and the first shopper reads it all in the notifications."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from community.models import Question
from community.roles import MODERATORS_GROUP
from kb.models import ArticlePage
from tests.browser.conftest import wait_until
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb


def log_in(page, login):
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", login)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")  # no ?next: the home page


@pytest.fixture
def moderator(site_pages):
    user = UserFactory(username="mila", display_name="Mila de Moderator")
    group = Group.objects.get_or_create(name=MODERATORS_GROUP)[0]
    user.groups.add(group)
    GroupPagePermission.objects.create(
        group=group, page=kb.dutch_home(), permission=Permission.objects.get(codename="add_page")
    )
    return user


def test_ask_answer_accept_verify_promote_and_notify(new_page, settings, moderator):
    # First-post review has its own tests; here both shoppers' posts publish directly.
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    category = kb.category(title="Retourneren en ruilen")
    UserFactory(username="sanne", display_name="Sanne de Vries")
    UserFactory(username="bram", display_name="Bram Jansen")

    asker = new_page()
    log_in(asker, "sanne")
    asker.goto("/nl/vragen/")
    asker.click("text=Stel een vraag")
    asker.fill("#id_title", "Kan ik een jas in de sale ook retourneren?")
    asker.fill("#id_body", "Ik heb een softshell jas in de sale gekocht. Hij past niet. "
                           "Mag ik hem terugsturen?")
    asker.fill("#id_tags", "retour, sale")
    asker.click("main form button[type=submit]")
    asker.wait_for_url(re.compile(r"/nl/vragen/\d+/kan-ik-een-jas-in-de-sale-ook-retourneren/$"))
    question_url = asker.url
    assert asker.locator("h1").inner_text() == "Kan ik een jas in de sale ook retourneren?"

    helper = new_page()
    log_in(helper, "bram")
    helper.goto(question_url)
    helper.fill("#id_body", "Ja, ook sale-artikelen mag je binnen 30 dagen retourneren, "
                            "zolang het label er nog aan zit.")
    helper.click("#your-answer button[type=submit]")
    helper.wait_for_selector(".answer .prose")
    assert "binnen 30 dagen" in helper.locator(".answer .prose").inner_text()

    asker.goto(question_url)
    asker.click("text=Accepteer dit antwoord")
    asker.wait_for_selector(".accepted-label")
    assert asker.locator(".badge-success").inner_text() == "Beantwoord"

    mod = new_page()
    log_in(mod, "mila")
    mod.goto(question_url)
    mod.click(".answer button:has-text('Verifiëren')")
    label = mod.locator(".verified-label")
    label.wait_for()
    assert "Geverifieerd door de klantenservice" in label.inner_text()
    # Voting happens in place (static/js/community.js), without leaving the page.
    mod.click(".answer .vote-up")
    wait_until(mod, "document.querySelector('.answer [data-score]').textContent === '1'")
    assert mod.locator(".answer .vote-up").get_attribute("aria-pressed") == "true"
    mod.click("summary:has-text('Moderatorhulpmiddelen')")
    mod.click("text=Omzetten naar een helpartikel")
    mod.select_option("#id_category", str(category.pk))
    mod.click("main form button[type=submit]")
    assert "wacht op de redactie" in mod.locator(".message-success").inner_text()
    draft = ArticlePage.objects.get(title="Kan ik een jas in de sale ook retourneren?")
    assert not draft.live and draft.credit == "Bram Jansen"
    assert Question.objects.get().kb_article_id == draft.pk

    asker.goto("/nl/")
    asker.locator(".user-menu summary .unread-count").wait_for()
    assert asker.locator(".user-menu summary .unread-count").inner_text().split("\n") == [
        "3", "ongelezen meldingen"
    ]
    asker.click(".user-menu summary")
    asker.click(".user-menu a:has-text('Meldingen')")
    inbox = asker.locator(".inbox").inner_text()
    assert "Bram Jansen heeft “Kan ik een jas in de sale ook retourneren?” beantwoord" in inbox
    assert "De klantenservice heeft een antwoord bij" in inbox
    assert "wordt een artikel in ons helpcentrum" in inbox
