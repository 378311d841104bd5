"""django-allauth's adapter: login limits count per real client behind the proxy, and
usernames follow the same rules as display names (community.names)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from community import names

from .http import client_ip, safe_next


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request) or super().get_client_ip(request)

    def is_safe_url(self, url) -> bool:
        """allauth's `next` goes through the same check as every other handler's."""
        return bool(url) and safe_next(context.request, url, "") == url.strip() and (
            super().is_safe_url(url)
        )

    def clean_username(self, username, shallow=False):
        username = super().clean_username(username, shallow=shallow)
        names.check_public_name(username)
        return username
