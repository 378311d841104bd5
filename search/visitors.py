"""The anonymous visitor key that search logs carry instead of anything identifying.

The token and its cookie belong to `vraagbaak.visitors` (shared with article feedback); logs
store a keyed hash of it, so the table alone cannot be joined to a cookie, and no IP address
is ever stored."""

import hashlib
import hmac

from django.conf import settings

from vraagbaak import visitors
from vraagbaak.http import client_ip

COOKIE = visitors.COOKIE
visitor_token = visitors.visitor_token
remember = visitors.remember


def visitor_key(request) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), visitor_token(request).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def client_fingerprint(request) -> str:
    """A hash of the client address (vraagbaak.http.client_ip), for rate-limit counters in
    the cache only."""
    address = client_ip(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
