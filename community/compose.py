"""Where a draft that turns out to be private can go instead of the public community.

Up the DAG by registration: `support` registers the URL name of its private-question view
(POST fields `title` and `body`, login required) in its `apps.ready()`; the ask form then offers
"Stel het privé aan de klantenservice" with that view as the button's `formaction`."""

from __future__ import annotations

_private_route: str | None = None


def register_private_route(url_name: str) -> None:
    """Register the URL name that takes a private question (the last registration wins)."""
    global _private_route
    _private_route = url_name


def private_route() -> str | None:
    """The registered URL name, or None when no app takes private questions."""
    return _private_route
