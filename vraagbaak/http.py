"""Request helpers every app shares: the client's address behind trusted proxies, safe
redirect targets and strict integer parameters.

This module imports nothing of ours, so every app (kb and gamification included) may use it
without breaking the import DAG in ARCHITECTURE.md.
"""

import ipaddress
import json
import re

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

_ASCII_INT = re.compile(r"-?[0-9]{1,9}")


def ascii_int(value, default: int | None = None) -> int | None:
    """`value` as an int when it is plain ASCII digits (an optional minus, at most 9 digits);
    `default` otherwise. `int()` alone accepts "²", "٣" and " 7 ", which then break later."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value if abs(value) < 10**9 else default
    text = str(value) if value is not None else ""
    return int(text) if _ASCII_INT.fullmatch(text) else default


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    """The visitor's address, for rate limits (never stored).

    `REMOTE_ADDR` unless the direct peer is a trusted proxy (`TRUSTED_PROXIES`, networks) or
    `TRUSTED_PROXY_COUNT` proxies are in front: then the right-most `X-Forwarded-For` entry
    that is not one of our own proxies. Entries a client wrote itself sit further left and
    are never used, so a spoofed header from an untrusted peer changes nothing."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count and not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if count:
        # The proxy nearest to us appended the address it saw; `count` proxies in front.
        return hops[-count] if len(hops) >= count else (hops[0] if hops else remote)
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    return hops[0] if hops else remote


def safe_next(request, target: str | None, fallback: str) -> str:
    """`target` when it is a path or URL on this site (same host, https when the request is),
    else `fallback`. The one check behind every `next` and `to` parameter."""
    target = (target or "").strip()
    if target and not any(ch in target for ch in "\\\t\r\n\x00") and (
        url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


class JSONTooComplex(ValueError):
    """The request body is too large or nested too deeply."""


def bounded_json(body: bytes, *, max_bytes: int = 4096, max_depth: int = 4):
    """Parse a small JSON request body. Raises JSONTooComplex when it is longer than
    `max_bytes` or nests deeper than `max_depth` (checked before parsing, so a deep payload
    never reaches the recursive parser), ValueError when it is not JSON."""
    if len(body) > max_bytes:
        raise JSONTooComplex("too large")
    depth = deepest = 0
    in_string = escaped = False
    for char in body.decode("utf-8"):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > max_depth:
                raise JSONTooComplex("too deep")
        elif char in "]}":
            depth -= 1
    return json.loads(body or b"{}")
