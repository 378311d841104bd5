"""A new shopper signs up, confirms, logs in and sets an avatar, all through real pages."""

import io

from PIL import Image

from tests.factories import PASSWORD, UserFactory

from .conftest import emailed_link


def write_picture(path, fmt="PNG"):
    Image.new("RGB", (600, 400), (20, 120, 80)).save(path, format=fmt)
    return path


def log_in(page, login, password):
    page.goto("/nl/accounts/login/")
    page.fill("#id_login", login)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")


def test_sign_up_confirm_log_in_and_upload_an_avatar(new_page, tmp_path):
    page = new_page()
    page.goto("/nl/accounts/signup/")
    page.fill("#id_email", "nieuwe.klant@example.nl")
    page.fill("#id_username", "nieuweklant")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")
    assert "e-mail" in page.locator("main").inner_text().lower()

    page.goto(emailed_link("/confirm-email/"))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    fresh = new_page()
    log_in(fresh, "nieuwe.klant@example.nl", PASSWORD)
    fresh.wait_for_url("**/nl/")  # no ?next: the home page
    fresh.goto("/nl/instellingen/profiel/")
    fresh.fill("#id_display_name", "Nieuwe Klant")
    fresh.set_input_files("#id_avatar", str(write_picture(tmp_path / "ik.png")))
    fresh.click("main form button[type=submit]")
    assert fresh.locator(".message-success").is_visible()

    fresh.goto("/nl/leden/nieuweklant/")
    assert fresh.locator("h1").inner_text() == "Nieuwe Klant"
    avatar = fresh.locator(".profile-header img.avatar")
    assert "/media/avatars/" in avatar.get_attribute("src")
    avatar_size = avatar.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
    assert avatar_size == [True, 256, 256]


def test_a_corrupt_picture_shows_an_error_and_keeps_the_form_filled(new_page, tmp_path):
    UserFactory(email="sanne@example.nl", username="sanne")
    page = new_page()
    log_in(page, "sanne@example.nl", PASSWORD)
    page.wait_for_url("**/nl/")
    page.goto("/nl/instellingen/profiel/")
    broken = tmp_path / "vakantie.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + io.BytesIO(b"not really a photo" * 50).getvalue())
    page.fill("#id_display_name", "Sanne uit Sneek")
    page.fill("#id_bio", "Ik help graag met retouren.")
    page.set_input_files("#id_avatar", str(broken))
    page.click("main form button[type=submit]")
    error = page.locator(".field.has-error .error")
    assert "Dit bestand is geen afbeelding die we kunnen lezen" in error.inner_text()
    assert page.input_value("#id_display_name") == "Sanne uit Sneek"
    assert page.input_value("#id_bio") == "Ik help graag met retouren."


def test_the_layout_works_on_a_small_phone(new_page):
    page = new_page(width=360, height=740)
    page.goto("/nl/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.goto("/en/")
    assert page.locator("h1").inner_text() == "How can we help you?"
