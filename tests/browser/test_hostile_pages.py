"""The worst stored content, rendered by Chromium: no payload may open a dialog (alert,
confirm, prompt, print) on the question page, the profile page or the search page."""

from urllib.parse import quote

import pytest

from community import services
from tests.community.factories import member_with
from tests.security.payloads import FAMILIES

MARKUP = FAMILIES["script"] + FAMILIES["handler"] + FAMILIES["url"] + FAMILIES["svg_css"]


def chunks(items, size):
    text = ""
    for item in items:
        if len(text) + len(item) + 2 > size:
            yield text
            text = ""
        text += item + "\n\n"
    if text:
        yield text


@pytest.fixture
def hostile_question(site_pages, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    author = member_with(200, username="kwaadwillend")
    services.update_profile(user=author, display_name="Eva <img src=x onerror=alert(1)>",
                            bio="".join(MARKUP)[:500])
    bodies = list(chunks(MARKUP + FAMILIES["wrapped"], 4000))
    question = services.ask_question(
        author=author, title="<script>alert('vbxss')</script> \"><svg onload=alert(1)>",
        body=bodies[0], tags=["levering"], locale="nl",
    )
    helper = member_with(200)
    for body in bodies[1:]:
        services.post_answer(author=helper, question=question, body=body)
    for payload in MARKUP[:10]:
        services.post_comment(author=helper, post=question, body=payload[:600])
    return question


def test_no_payload_opens_a_dialog_in_chromium(new_page, hostile_question):
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(hostile_question.get_absolute_url())
    page.wait_for_load_state("load")
    page.mouse.move(200, 300)
    page.goto("/nl/leden/kwaadwillend/")
    page.wait_for_load_state("load")
    for payload in MARKUP[:6]:
        page.goto(f"/nl/zoeken/?q={quote(payload[:200])}")
        page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []
    assert "vbxss" in page.goto(hostile_question.get_absolute_url()).text()
