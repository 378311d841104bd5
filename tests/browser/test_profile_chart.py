"""A member's profile on a 360 px phone: the reputation chart is drawn by Chart.js inside the
page's width (nothing scrolls sideways), with its table beside it, the badges with their
icons, and no Content-Security-Policy violation."""

import datetime as dt

import pytest
from django.utils import timezone

from gamification import rules, services
from tests.browser.conftest import wait_until
from tests.factories import UserFactory

PHONE = {"width": 360, "height": 800}


@pytest.fixture
def member(site_pages):
    hanna = UserFactory(username="hanna", display_name="Hanna Helpt")
    voter = UserFactory()
    for days_ago in (40, 25, 12, 3, 0):
        services.record(
            user=hanna, reason=rules.ANSWER_UPVOTED, source_key=f"v:{days_ago}", actor=voter,
            at=timezone.now() - dt.timedelta(days=days_ago),
        )  # fmt: skip
    services.record(user=hanna, reason=rules.QUESTION_ASKED, source_key="q:1", actor=hanna)
    return hanna


def test_the_reputation_chart_fits_a_phone_without_sideways_scrolling(new_page, member):
    page = new_page(**PHONE)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/nl/leden/hanna/")
    wait_until(page, "document.querySelector('canvas.reputation-chart').dataset.drawn === '1'")
    canvas = page.locator("canvas.reputation-chart")
    box = canvas.bounding_box()
    assert box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["height"] > 100
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the profile is {width} px wide on a 360 px phone"
    assert page.evaluate(
        "document.querySelector('canvas.reputation-chart').chart.data.datasets[0].data.at(-1)"
    ) == 51
    page.get_by_text("De grafiek als tabel").click()
    assert page.locator(".reputation-table td").last.inner_text() == "51"
    assert page.locator(".member-badges .badge-icon svg use").count() >= 1
    assert not [m for m in messages if "Content Security Policy" in m], messages
