"""The one anonymous visitor key of the site, and the one owner of its cookie.

Search logs and article feedback both identify a visitor by this key; before, each app
wrote its own `vb_visitor` cookie in its own format and they overwrote each other. The
cookie holds a random token, signed so that a visitor cannot pick someone else's; no IP
address is involved. Apps call `visitor_token(request)` (creating a token on first use) and
`remember(request, response)` on the response.
"""

import secrets

from django.conf import settings
from django.core import signing

COOKIE = "vb_visitor"
SALT = "vraagbaak.visitor"
MAX_AGE = 60 * 60 * 24 * 365


def existing_token(request) -> str | None:
    """The token from a valid cookie, or None (absent, tampered with or in an old format)."""
    cached = getattr(request, "_vb_visitor", None)
    if cached:
        return cached
    try:
        token = request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    return token if len(token) == 32 and token.isalnum() else None


def visitor_token(request) -> str:
    """The visitor's token, or a new one; the same for the rest of the request."""
    token = existing_token(request) or secrets.token_hex(16)
    request._vb_visitor = token
    return token


def remember(request, response):
    """Set the cookie when this request created the token (Secure per VISITOR_COOKIE_SECURE)."""
    token = getattr(request, "_vb_visitor", None)
    if token and token != _cookie_token(request):
        response.set_signed_cookie(
            COOKIE, token, salt=SALT, max_age=MAX_AGE, httponly=True, samesite="Lax",
            secure=settings.VISITOR_COOKIE_SECURE,
        )
    return response


def _cookie_token(request) -> str | None:
    try:
        return request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
