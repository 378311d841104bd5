"""The anonymous visitor key that search logs carry instead of anything identifying.

A random token lives in a cookie; logs store a keyed hash of it, so the table alone cannot be
joined to a cookie, and no IP address is ever stored."""

import hashlib
import hmac
import secrets

from django.conf import settings

COOKIE = "vb_visitor"
MAX_AGE = 60 * 60 * 24 * 365


def visitor_token(request) -> str:
    """The visitor's cookie token, or a new one (remembered on the request for `remember`)."""
    token = request.COOKIES.get(COOKIE, "")
    if len(token) != 32 or not token.isalnum():
        token = getattr(request, "_search_visitor", None) or secrets.token_hex(16)
    request._search_visitor = token
    return token


def visitor_key(request) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), visitor_token(request).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def remember(request, response):
    """Set the cookie when this request made a new token."""
    token = getattr(request, "_search_visitor", None)
    if token and request.COOKIES.get(COOKIE) != token:
        response.set_cookie(COOKIE, token, max_age=MAX_AGE, httponly=True, samesite="Lax")
    return response


def client_fingerprint(request) -> str:
    """A hash of the client address, for rate-limit counters in the cache only."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
