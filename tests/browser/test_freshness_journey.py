"""An editor changes a product's price in the Wagtail admin; the verified answer about it
shows "Mogelijk verouderd" to visitors; a moderator finds it in the re-verify queue (on a
360 px phone, by keyboard), verifies it again, and the notice disappears."""

import pytest
from django.contrib.auth.models import Permission

from community import services
from tests.community.factories import answer, ask, moderator
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb

from .conftest import wait_until

NOTICE = "Mogelijk verouderd — gecontroleerd op"


@pytest.fixture
def verified_answer(site_pages, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    product = kb.product(name="Koffiezetapparaat Aroma 300")
    question = ask(title="Hoe vaak moet ik de Aroma 300 ontkalken?", product=product)
    reply = answer(question, body="Elke drie maanden, met de ontkalkingstablet uit de doos.")
    services.verify_answer(answer=reply, by=moderator(username="mila"))
    editor = UserFactory(username="redacteur", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_product"),
    )
    return reply


def log_in(page, username):
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/nl/")


def test_a_product_change_sends_its_verified_answer_to_the_queue_and_back(
    new_page, verified_answer
):
    url = verified_answer.question.get_absolute_url()
    visitor = new_page()
    visitor.goto(url)
    assert NOTICE not in visitor.locator("main").inner_text()

    editor = new_page()
    log_in(editor, "redacteur")
    product = verified_answer.question.product
    editor.goto(f"/admin/snippets/kb/product/edit/{product.pk}/")
    editor.fill("#id_price", "89.95")
    editor.locator("button.action-save").first.click()
    editor.wait_for_url("**/admin/snippets/kb/product/")

    visitor.goto(url)
    notice = visitor.locator(".freshness-notice")
    assert NOTICE in notice.inner_text()
    assert "Koffiezetapparaat Aroma 300" in notice.inner_text()

    phone = new_page(width=360, height=740)
    log_in(phone, "mila")
    phone.goto("/nl/vragen/beoordelen/")
    phone.get_by_role("link", name="Opnieuw controleren").first.click()
    assert "(1)" in phone.locator("h1").inner_text()
    card = phone.locator(".reverify-list .review-card")
    assert card.count() == 1
    assert "Geverifieerd door de klantenservice" in card.inner_text()
    assert "Hoe vaak moet ik de Aroma 300 ontkalken?" in card.inner_text()
    wait_until(phone, "document.documentElement.scrollWidth <= window.innerWidth")
    verify = card.get_by_role("button", name="Opnieuw bevestigen")
    assert verify.is_visible()
    verify.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_selector(".message-success")
    assert "weer actueel" in phone.locator(".message-success").inner_text()
    assert phone.locator(".reverify-list .review-card").count() == 0
    assert "Niets opnieuw te controleren" in phone.locator("main").inner_text()

    visitor.goto(url)
    assert NOTICE not in visitor.locator("main").inner_text()
    assert visitor.locator(".verified-label").is_visible()
