"""A shopper starts asking a question, sees that the community already answered it, and says
so: "Dit beantwoordt mijn vraag" is recorded as a confirmed deflection."""

import pytest

from community.models import Answer, Question
from search.indexing import drain
from search.models import Deflection
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def answered(site_pages, settings, tmp_path):
    settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                       "OPTIONS": {"path": str(tmp_path / "search")}}
    helper = UserFactory(username="bram")
    question = Question.objects.create(
        title="Mijn wasmachine lekt water aan de voorkant", slug="wasmachine-lekt",
        body="Er staat een plas water voor de machine.", body_html="", author=helper,
        locale="nl",
    )
    Answer.objects.create(question=question, author=helper, is_accepted=True, body_html="",
                          body="Maak het pompfilter rechtsonder schoon en controleer de rubber.")
    drain(blocking=True)
    return question


def test_typing_a_question_shows_a_suggestion_that_can_be_confirmed(new_page, answered):
    UserFactory(username="sanne")
    page = new_page()
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", "sanne")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")  # no ?next: the home page

    page.goto("/nl/vragen/stellen/")
    page.locator("#id_title").press_sequentially("wasmachine lekt", delay=40)
    page.wait_for_selector(".suggest-item")
    assert page.locator(".suggest-heading").inner_text() == "Misschien staat je antwoord hier al"
    assert "wasmachine" in page.locator(".suggest-item .suggest-title").first.inner_text().lower()
    title = page.locator("#id_title").bounding_box()
    panel = page.locator(".suggest-box .suggest-panel").bounding_box()
    assert 0 <= panel["y"] - (title["y"] + title["height"]) < 120  # right under the title

    page.keyboard.press("ArrowDown")  # keyboard navigable
    assert page.locator(".suggest-item").first.get_attribute("aria-selected") == "true"
    page.click("text=Dit beantwoordt mijn vraag")
    page.wait_for_selector(".suggest-thanks")
    page.wait_for_url("**/wasmachine-lekt/**")  # then the answer opens

    deflection = Deflection.objects.get()
    assert deflection.kind == "confirmed" and deflection.context == "ask"
    assert deflection.document == f"question:{answered.pk}"


def test_the_search_box_suggests_while_typing(new_page, answered):
    page = new_page()
    page.goto("/nl/")
    page.locator("#site-search").press_sequentially("pompfilter", delay=40)
    page.wait_for_selector(".header-search .suggest-item")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wasmachine-lekt/**")
