"""Accounts through django-allauth: sign-up with verification, login limits, logout by POST."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from community.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def url(name):
    with translation.override("en"):
        return reverse(name)


class TestSignUp:
    def test_sign_up_sends_a_verification_email_and_login_waits_for_it(self, client, home_pages):
        response = client.post(
            url("account_signup"),
            {
                "email": "nieuw@example.nl",
                "username": "nieuw",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 302
        assert User.objects.filter(username="nieuw", email="nieuw@example.nl").exists()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["nieuw@example.nl"]
        assert "[Vraagbaak]" in mail.outbox[0].subject
        client.logout()
        login = client.post(
            url("account_login"), {"login": "nieuw@example.nl", "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session
        assert login.status_code == 302 and "confirm-email" in login["Location"]

    def test_confirming_the_emailed_link_verifies_the_address(self, client, home_pages):
        client.post(
            url("account_signup"),
            {
                "email": "bevestig@example.nl",
                "username": "bevestig",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        link = re.search(r"https?://[^\s]+/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
        path = (
            link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
        )
        client.post(path)
        user = User.objects.get(username="bevestig")
        assert user.emailaddress_set.get().verified

    def test_a_taken_email_reveals_nothing_and_creates_no_second_account(self, client, home_pages):
        # allauth prevents account enumeration: the form "succeeds" and the owner is told.
        UserFactory(email="bezet@example.nl")
        client.post(
            url("account_signup"),
            {
                "email": "bezet@example.nl",
                "username": "anders",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert not User.objects.filter(username="anders").exists()
        assert mail.outbox[-1].to == ["bezet@example.nl"]

    def test_invalid_form_rerenders_with_the_input_intact(self, client, home_pages):
        response = client.post(
            url("account_signup"),
            {
                "email": "nieuw@example.nl",
                "username": "nieuw",
                "password1": PASSWORD,
                "password2": "something-else",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert 'value="nieuw@example.nl"' in html and 'value="nieuw"' in html
        assert "You must type the same password each time." in html
        assert not User.objects.filter(username="nieuw").exists()


class TestLogin:
    def test_login_with_email_or_username(self, client, home_pages):
        member = UserFactory(username="sanne", email="sanne@example.nl")
        for login in ("sanne@example.nl", "sanne"):
            client.logout()
            client.post(url("account_login"), {"login": login, "password": PASSWORD})
            assert client.session["_auth_user_id"] == str(member.pk)

    @pytest.mark.parametrize(("language", "browser"), [("nl", "en-GB,en;q=0.9"),
                                                       ("en", "nl-NL,nl;q=0.9")])
    def test_without_next_the_member_lands_on_the_home_page_of_the_login_pages_language(
            self, client, home_pages, language, browser):
        # "/" let the browser's language decide: a Dutch login in an English browser led to /en/.
        UserFactory(username="sanne", email="sanne@example.nl")
        with translation.override(language):
            login = reverse("account_login")
        response = client.post(login, {"login": "sanne", "password": PASSWORD},
                               headers={"accept-language": browser})
        assert response.status_code == 302
        assert response["Location"] == f"/{language}/"

    def test_wrong_passwords_are_rate_limited_after_allauths_limit(self, client, home_pages):
        UserFactory(email="doelwit@example.nl")
        attempt = {"login": "doelwit@example.nl", "password": "wrong-password"}
        for _ in range(5):
            response = client.post(url("account_login"), attempt)
            assert "Too many failed login attempts" not in response.content.decode()
        response = client.post(url("account_login"), attempt)
        assert "Too many failed login attempts" in response.content.decode()
        # Even the right password is refused until the window passes.
        client.post(url("account_login"), {**attempt, "password": PASSWORD})
        assert "_auth_user_id" not in client.session


class TestLogout:
    def test_logout_by_get_does_nothing(self, client, home_pages):
        client.force_login(UserFactory())
        response = client.get(url("account_logout"))
        assert response.status_code == 200
        assert "_auth_user_id" in client.session

    def test_logout_by_post_logs_out(self, client, home_pages):
        client.force_login(UserFactory())
        client.post(url("account_logout"))
        assert "_auth_user_id" not in client.session

    def test_logout_returns_to_the_home_page_of_the_pages_language(self, client, home_pages):
        client.force_login(UserFactory())
        with translation.override("nl"):
            logout = reverse("account_logout")
        response = client.post(logout, headers={"accept-language": "en-GB,en;q=0.9"})
        assert response["Location"] == "/nl/"

    def test_logout_without_csrf_token_is_refused(self, home_pages):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(UserFactory())
        response = strict.post(url("account_logout"))
        assert response.status_code == 403
        assert "_auth_user_id" in strict.session


class TestPasswordReset:
    def test_reset_mails_a_link(self, client, home_pages):
        UserFactory(email="vergeten@example.nl")
        client.post(url("account_reset_password"), {"email": "vergeten@example.nl"})
        assert len(mail.outbox) == 1
        assert "/password/reset/key/" in mail.outbox[0].body


class TestEmailChange:
    def test_changing_the_email_address_mails_a_confirmation_to_the_new_one(
        self, client, home_pages
    ):
        member = UserFactory(email="oud@example.nl")
        client.force_login(member)
        client.post(url("account_email"), {"email": "nieuw@example.nl", "action_add": ""})
        assert mail.outbox[-1].to == ["nieuw@example.nl"]
        assert member.emailaddress_set.filter(email="nieuw@example.nl", verified=False).exists()
        member.refresh_from_db()
        assert member.email == "oud@example.nl"  # until the new address is confirmed


def test_login_form_uses_the_site_field_markup_with_the_checkbox_beside_its_label(
        client, home_pages):
    page = client.get("/nl/accounts/login/").content.decode()
    assert re.search(r'<label class="checkbox"><input type="checkbox" name="remember"[^>]*>'
                     r"\s*Onthouden</label>", page)
    assert "Onthouden:" not in page  # no "label:" line above a lone checkbox
