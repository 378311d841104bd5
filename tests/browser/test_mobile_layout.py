"""A shopper on a 360 × 800 phone: no page scrolls sideways, the header is one compact row with
a menu and a search icon, and the first search result is above the fold. On a 1,280 px
desktop the Dutch header is one row."""

import pytest

from community import services as community_services
from search.indexing import drain
from tests.community import factories as community
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb
from tests.kb.videos import video_page

PHONE = {"width": 360, "height": 800}
WIDE_TABLE = [
    ["Bezorgoptie", "Levertijd", "Kosten", "Bestellen vóór", "Track-and-trace", "Afhaalpunt"],
    ["Standaard", "1–2 werkdagen", "€ 3,95", "22:00 uur", "ja, altijd", "niet van toepassing"],
    ["Avondlevering", "dezelfde avond", "€ 5,95", "13:00 uur", "ja, met tijdvak", "nee"],
]


@pytest.fixture
def whole_site(site_pages, settings, tmp_path):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                       "OPTIONS": {"path": str(tmp_path / "search")}}
    care = kb.category(title="Productonderhoud", slug="productonderhoud")
    video = video_page(care)
    with_video = kb.article(care, title="Koffiezetapparaat ontkalken", slug="ontkalken",
                            body=[("rich_text", "<p>Ontkalk elke maand.</p>"),
                                  ("video", {"video": video, "caption": "Kijk mee"})])
    with_table = kb.article(care, title="Bezorgopties en kosten", slug="bezorgopties",
                            body=[("table", {"data": WIDE_TABLE, "first_row_is_table_header": True,
                                             "first_col_is_header": False,
                                             "table_caption": "Bezorgopties"})])
    faq = kb.faq_page(site_pages)
    aroma = kb.product()
    sanne = UserFactory(username="sanne")
    question = community.ask(
        author=sanne, title="Hoe lang duurt een retour terugbetaling?",
        body="Ik heb mijn retour gisteren verstuurd. Wanneer krijg ik mijn geld?", product=aroma,
    )
    reply = community.answer(question, body="Binnen vijf werkdagen na ontvangst van je retour.")
    # A moderator with unread notifications (an answer to their question) and a flag to review.
    mila = community.moderator(username="mila")
    own = community.ask(author=mila, title="Welke bezorgdienst brengt pakketten op zaterdag?",
                        body="Ik wil weten welke bezorgdienst ook op zaterdag pakketten brengt.")
    community.answer(own, body="PostNL en DHL bezorgen allebei op zaterdag.")
    community_services.raise_flag(post=reply, by=community.member_with(15), reason="spam")
    for n in range(6):
        community.ask(author=UserFactory(), title=f"Retour nummer {n} via het afhaalpunt aanmelden",
                      body="Kan ik een retour ook bij het afhaalpunt aanmelden en hoe werkt dat?")
    drain(blocking=True)
    return {
        "home": "/nl/",
        "category": care.url,
        "article with video": with_video.url,
        "article with table": with_table.url,
        "FAQ": faq.url,
        "video": video.url,
        "search": "/nl/zoeken/?q=retour",
        "question list": "/nl/vragen/",
        "question": question.get_absolute_url(),
        "profile": "/nl/leden/sanne/",
        "contact": "/nl/contact/",
        "ask": "/nl/vragen/stellen/",
        "product": f"/nl/producten/{aroma.slug}/",
        "privacy": "/nl/privacy/",
        "cookies": "/nl/cookies/",
        "badges": "/nl/badges/",
    }


# Pages only moderators see, with the question's close votes and moderator tools.
MODERATOR_PAGES = {
    "review queue": "/nl/vragen/beoordelen/",
    "re-verify queue": "/nl/vragen/opnieuw-controleren/",
    "suggested edits": "/nl/vragen/voorgestelde-bewerkingen/",
    "moderation log": "/nl/vragen/moderatielogboek/",
}


def test_no_moderator_page_scrolls_sideways_and_the_header_stays_one_row(new_page, whole_site):
    page = new_page(**PHONE)
    log_in(page, "mila")
    pages = {**MODERATOR_PAGES, "question with close votes": whole_site["question"]}
    too_wide, too_tall = {}, {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        if scroll_width(page) > PHONE["width"]:
            too_wide[name] = scroll_width(page)
        if page.locator(".site-header").bounding_box()["height"] >= 70:
            too_tall[name] = page.locator(".site-header").bounding_box()["height"]
    assert too_wide == {} and too_tall == {}
    assert page.locator(".close-votes").count() == 1  # the question page showed its close votes
    counts = page.locator(".phone-menu > summary .unread-count")
    assert counts.count() == 2  # unread notifications and posts to review, beside the menu icon
    for target in page.locator(".site-header a:visible, .site-header summary:visible").all():
        assert target.bounding_box()["height"] >= 44, target.inner_text()
        assert target.bounding_box()["width"] >= 44, target.inner_text()


def log_in(page, login):
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", login)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_page_scrolls_sideways_on_a_phone(new_page, whole_site):
    page = new_page(**PHONE)
    log_in(page, "sanne")
    too_wide = {}
    for name, url in whole_site.items():
        response = page.goto(url)
        assert response.status == 200, name
        if scroll_width(page) > PHONE["width"]:
            too_wide[name] = scroll_width(page)
    assert too_wide == {}


def test_wide_tables_scroll_inside_their_own_box(new_page, whole_site):
    page = new_page(**PHONE)
    page.goto(whole_site["article with table"])
    box = page.locator(".kb-table-wrap")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls in its box
    assert box.bounding_box()["width"] <= PHONE["width"]
    video = new_page(**PHONE)
    video.goto(whole_site["article with video"])
    assert video.locator(".kb-video-block video").bounding_box()["width"] <= PHONE["width"]


def test_the_first_search_result_is_above_the_fold(new_page, whole_site):
    page = new_page(**PHONE)
    page.goto(whole_site["search"])
    first = page.locator(".search-main .search-hit").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"]
    assert not page.locator(".search-facets").is_visible()  # behind the Filter button
    page.click(".search-filter > summary")
    assert page.locator(".search-facets").is_visible()


def test_the_phone_header_is_one_row_with_a_menu_and_a_search_icon(new_page, whole_site):
    page = new_page(**PHONE)
    page.goto("/nl/vragen/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 70
    assert not page.locator("#site-search").is_visible()
    assert not page.locator(".phone-menu-panel").is_visible()
    page.locator(".phone-menu > summary").focus()
    page.keyboard.press("Enter")  # the menu opens from the keyboard, without our JavaScript
    assert page.locator(".phone-menu-panel a", has_text="Community").is_visible()
    assert page.locator(".phone-menu-panel a", has_text="Inloggen").is_visible()
    page.click(".header-icon[href='#header-search']")
    assert page.locator("#site-search").is_visible()
    for target in page.locator(".site-header a:visible, .site-header summary:visible").all():
        box = target.bounding_box()
        assert box["height"] >= 44, target.inner_text()


def test_the_desktop_header_is_one_row_in_dutch_and_english(new_page, whole_site):
    page = new_page(width=1280, height=800)
    log_in(page, "sanne")
    for width in (1024, 1280, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        for language in ("nl", "en"):
            page.goto(f"/{language}/")
            row = page.locator(".header-row")
            boxes = [el.bounding_box() for el in row.locator(":scope > *:visible").all()]
            middles = [box["y"] + box["height"] / 2 for box in boxes]
            assert max(middles) - min(middles) <= 4, (width, language)  # all on one line
            assert row.bounding_box()["height"] < 70, (width, language)
            assert page.locator("#site-search").bounding_box()["width"] >= 140, (width, language)


# Every control a thumb taps, with its size in CSS pixels. A checkbox or radio button counts
# with its label (tapping the label ticks it); links inside running text are exempt, as in
# WCAG 2.5.5 and 2.5.8, and so are controls not rendered (closed menus, visually hidden).
SMALL_TARGETS = """() => {
  const small = [];
  const controls = 'a[href], button, summary, select, input:not([type=hidden]), [role=button]';
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && getComputedStyle(node).display.startsWith('inline')) node = node.parentElement;
    return node;
  };
  for (let el of document.querySelectorAll(controls)) {
    if (el.closest('.visually-hidden, [hidden]')) continue;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      el = el.closest('label') || document.querySelector(`label[for="${el.id}"]`) || el;
    }
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || box.bottom <= 0) continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      const text = (el.textContent || '').trim();
      const around = (blockOf(el).textContent || '').replace(/\\s+/g, ' ').trim();
      if (around.length > text.length + 2) continue;  // a link in a sentence
    }
    if (box.width < 44 || box.height < 44) {
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      small.push(`${size} ${el.outerHTML.slice(0, 120)}`);
    }
  }
  return small;
}"""


def test_every_control_is_at_least_44_by_44_px_on_a_phone(new_page, whole_site):
    """Buttons, links styled as buttons, vote arrows, accept, flag and share, pagination,
    chips, tags, filter toggles and menu items, as a shopper and as a moderator."""
    shopper = new_page(**PHONE)
    moderator = new_page(**PHONE)
    log_in(moderator, "mila")
    pages = [
        (shopper, "search", whole_site["search"]),
        (shopper, "article", whole_site["article with video"]),
        (shopper, "FAQ", whole_site["FAQ"]),
        (shopper, "question list", whole_site["question list"]),
        (shopper, "question", whole_site["question"]),
        (moderator, "question, logged in", whole_site["question"]),
        (moderator, "review queue", MODERATOR_PAGES["review queue"]),
        (moderator, "profile", whole_site["profile"]),
    ]
    too_small = {}
    for page, name, url in pages:
        assert page.goto(url).status == 200, name
        if page is moderator and name == "question, logged in":
            assert page.locator(".vote button").count() >= 2  # the vote arrows are measured
        small = page.evaluate(SMALL_TARGETS)
        if small:
            too_small[name] = small
    assert too_small == {}
