"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server."""

import re

import pytest
from django.core import mail
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test thread, which trips Django's
    async-safety guard when the test itself reads the database; the server has its own thread."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser():
    """One Chromium per test: Playwright's event loop must not outlive the browser tests."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site_pages(transactional_db):
    from kb.demo import seed_home_pages

    return seed_home_pages()


@pytest.fixture
def new_page(browser, live_server, site_pages):
    """Opens a fresh browser (own cookies) on the live server; closes them all afterwards."""
    contexts = []

    def open_page(locale="nl-NL", width=1200, height=900):
        context = browser.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def emailed_link(pattern: str) -> str:
    """The first link in the newest e-mail whose path matches `pattern`."""
    body = mail.outbox[-1].body
    return re.search(rf"https?://\S*{pattern}\S*", body).group(0)


def wait_until(page, expression: str, *, timeout: float = 15.0) -> None:
    """Poll `expression` in the page until it is truthy. Playwright's wait_for_function
    evaluates its predicate with eval(), which the site's strict CSP (no 'unsafe-eval')
    refuses; page.evaluate runs through the browser's protocol and is not subject to it.
    A click that navigates returns before the next document exists, so an evaluation can
    land between two documents (no documentElement, or a destroyed context): that counts
    as "not yet" rather than a failure."""
    import time

    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
            problem = None
        except PlaywrightError as error:
            problem = error
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}") from problem
        page.wait_for_timeout(100)
