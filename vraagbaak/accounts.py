"""django-allauth's adapter: login limits count per real client behind the proxy, usernames
follow the same rules as display names (community.names), and without ?next a member lands
on the home page of the language they were using."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.utils.translation import get_language

from community import names

from .http import client_ip, safe_next


def _home() -> str:
    return f"/{get_language() or settings.LANGUAGE_CODE}/"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request) or super().get_client_ip(request)

    def is_safe_url(self, url) -> bool:
        """allauth's `next` goes through the same check as every other handler's."""
        return bool(url) and safe_next(context.request, url, "") == url.strip() and (
            super().is_safe_url(url)
        )

    def get_login_redirect_url(self, request) -> str:
        """The home page of the page's language (the URL prefix of the login form): "/" let
        the browser's language decide, so a Dutch login in an English browser led to /en/.
        Sign-up and e-mail confirmation redirect through this too."""
        return _home()

    def get_logout_redirect_url(self, request) -> str:
        return _home()

    def clean_username(self, username, shallow=False):
        username = super().clean_username(username, shallow=shallow)
        names.check_public_name(username)
        return username
