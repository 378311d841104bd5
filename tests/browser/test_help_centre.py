"""A shopper uses the help centre: reads an article, says it did not help and why, watches a
product video and jumps to a chapter; and hides an announcement."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from kb.models import Announcement, PageFeedback
from tests.browser.conftest import wait_until
from tests.kb import factories
from tests.kb.videos import video_page


@pytest.fixture
def help_centre(site_pages):
    returns = factories.category(title="Retourneren en ruilen", slug="retourneren-en-ruilen")
    article = factories.article(
        returns,
        title="Je pakket retourneren",
        slug="pakket-retourneren",
        body=[("rich_text", "<p>Meld je retour aan in je account en print het label.</p>")],
    )
    care = factories.category(title="Productonderhoud", slug="productonderhoud")
    video = video_page(care)
    return {"article": article, "video": video}


def test_read_an_article_say_no_with_a_reason_and_jump_to_a_video_chapter(
    new_page, help_centre
):
    page = new_page()
    page.goto("/nl/")
    page.click("main a:has-text('Retourneren en ruilen')")
    page.click("main a:has-text('Je pakket retourneren')")
    assert page.locator("h1").inner_text() == "Je pakket retourneren"
    assert "print het label" in page.locator(".kb-body").inner_text()

    feedback = page.locator("#feedback-page")
    assert feedback.locator("h2").inner_text() == "Was dit artikel nuttig?"
    feedback.locator("button:has-text('Nee')").click()
    reason = page.locator("#feedback-page .kb-feedback-reason")
    reason.get_by_label("Het gaf geen antwoord op mijn vraag").check()
    reason.locator("textarea").fill("Ik heb geen printer, kan het ook zonder label?")
    reason.locator("button[type=submit]").click()
    thanks = "#feedback-page .kb-feedback-message.is-ok:has-text('Bedankt voor je uitleg')"
    page.wait_for_selector(thanks)
    assert page.url.endswith("/pakket-retourneren/")  # enhanced: no reload
    saved = PageFeedback.objects.get(page=help_centre["article"])
    assert (saved.helpful, saved.reason) == (False, "incomplete")
    assert saved.comment == "Ik heb geen printer, kan het ook zonder label?"

    page.goto(help_centre["video"].url)
    video = page.locator("video[data-kb-video]")
    wait_until(page, "document.querySelector('video').readyState >= 1")
    assert video.evaluate("v => Math.round(v.duration)") == 12
    assert video.evaluate("v => v.videoWidth") == 640
    video.evaluate("v => { v.muted = true; return v.play(); }")
    wait_until(page, "document.querySelector('video').currentTime > 0.2")
    assert video.evaluate("v => v.currentTime") < 4

    page.click(".kb-chapters a:has-text('Naspoelen')")
    wait_until(page, "document.querySelector('video').currentTime >= 8")
    assert video.evaluate("v => v.currentTime") < 12
    assert page.url.endswith("#t=8")
    # The mark follows the video's timeupdate events, which may come a moment after the jump.
    wait_until(page, "(document.querySelector('.kb-chapters a[aria-current=true]') || {})"
                     ".textContent?.includes('Naspoelen')")
    assert "Naspoelen" in page.locator(".kb-chapters a[aria-current=true]").inner_text()


def test_a_chapter_link_works_without_javascript(browser, live_server, help_centre):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(help_centre["video"].url)
        page.click(".kb-chapters a:has-text('Ontkalker erin')")
        page.wait_for_url("**?t=4#player")
        source = page.locator("video source").get_attribute("src")
        assert source.endswith("ontkalken.mp4#t=4")
    finally:
        context.close()


def test_hide_an_announcement_and_it_stays_hidden(new_page, help_centre):
    Announcement.objects.create(
        title="Door stormschade vertraagde leveringen in Friesland",
        message="<p>Bestellingen naar Friesland komen later.</p>",
        severity="warning",
        locale=Locale.objects.get(language_code="nl"),
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=1),
    )
    page = new_page()
    page.goto(help_centre["article"].url)
    banner = page.locator(".kb-announcement")
    assert "stormschade" in banner.inner_text()
    banner.locator("button").click()
    banner.wait_for(state="detached")
    page.reload()
    assert page.locator(".kb-announcement").count() == 0
    other = new_page()
    other.goto("/nl/")
    assert other.locator(".kb-announcement").count() == 1
