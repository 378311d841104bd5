"""The brand, the legal pages and the search page before a query, in a real browser at
1,280 and 360 px: nothing scrolls sideways, the footer's legal links and popular searches
are reachable, the brand colour arrives through /brand.css under the strict CSP."""

import pytest

from search.indexing import drain
from search.models import SearchLog
from tests.kb import factories as kb

SIZES = [{"width": 1280, "height": 900}, {"width": 360, "height": 800}]


@pytest.fixture
def shop(site_pages, settings, tmp_path):
    settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                       "OPTIONS": {"path": str(tmp_path / "search")}}
    returns = kb.category(title="Retourneren en ruilen", slug="retourneren")
    for n, tag in enumerate(["kosten", "label", "termijn", "ruilen", "maat", "geld", "pakket"]):
        article = kb.article(returns, title=f"Retour stap {n}", slug=f"retour-{n}",
                             body=[("rich_text", "<p>Meld je retour aan via je account.</p>")])
        article.tags.add(tag)
        kb.publish(article)
    for n in range(4):
        SearchLog.objects.create(query="retour aanmelden", language="nl", result_count=3,
                                 took_ms=4, visitor=f"bezoeker-{n}")
    drain(blocking=True)


@pytest.mark.parametrize("size", SIZES, ids=["desktop", "phone"])
def test_brand_legal_and_search_pages_fit_the_screen(new_page, shop, size):
    page = new_page(**size)
    too_wide = {}
    for url in ("/nl/", "/en/", "/nl/zoeken/", "/nl/zoeken/?q=retour&tag=kosten",
                "/nl/privacy/", "/en/cookies/"):
        assert page.goto(url).status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            too_wide[url] = width
    assert too_wide == {}


def test_the_brand_colour_comes_from_the_brand_stylesheet(new_page, shop):
    page = new_page()
    page.goto("/nl/")
    colour = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")
    assert colour == "#0b6e4f"
    assert page.locator("link[href^='/brand.css?v=']").count() == 1


def test_a_shopper_goes_from_popular_searches_to_results_and_removes_a_filter(new_page, shop):
    page = new_page(width=360, height=800)
    page.goto("/nl/zoeken/")
    page.locator(".search-start a.chip", has_text="retour aanmelden").click()
    page.wait_for_url("**/nl/zoeken/?q=retour*")
    assert page.locator(".search-main .search-hit").count() == 7
    page.goto("/nl/zoeken/?q=retour&tag=kosten")
    assert page.locator(".search-main .search-hit").count() == 1
    page.locator("a.chip-removable", has_text="kosten").click()
    page.wait_for_load_state()
    assert page.locator(".search-main .search-hit").count() == 7
    assert page.locator("a.chip-removable").count() == 0


def test_the_footer_reaches_the_cookie_information_by_keyboard(new_page, shop):
    page = new_page()
    page.goto("/nl/")
    link = page.locator(".site-footer a", has_text="Cookies")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/nl/cookies/")
    assert page.locator("#vb_visitor").is_visible()
