"""Whole-page cache for logged-out visitors, purged by versioned tags.

A page a logged-out visitor reads (help-centre pages, product pages, question lists, question
pages) is the same for every such visitor, apart from three things this module takes care of:

- the CSRF token in its forms: while a cacheable page renders, `{% csrf_token %}` writes a
  placeholder (see `context_processors.site`); the placeholder is what is stored, and every
  response, fresh or from the cache, gets the visitor's own token swapped in just before it
  leaves (so CsrfViewMiddleware still sets the visitor's cookie, and a cached token is never
  served to anyone);
- dismissed announcements: the set of dismissed ids is part of the cache key;
- the visitor's own "was this helpful?" vote: a visitor who has voted (feedback cookie) is
  served fresh pages.

Anyone with a session cookie or a pending message (logged in, or mid-flow) bypasses the cache,
and a response that sets a cookie, touches the session, adds a message or says `private` is
never stored.

Purging: each stored page records the versions of the tags it depends on (`kb`, `questions`,
`question:<id>`, `members`, `announcements`). A write bumps its tags after commit (see
`signal_handlers.py`); a page whose recorded versions differ from the current ones is a miss.
Versions are random tokens, not counters, so a version lost to eviction can never make an old
page look current. Time-driven changes (an announcement starting or ending) cap a page's TTL at
the next scheduled change.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers

CSRF_PLACEHOLDER = "vb-csrf-placeholder-4f1c"
REQUEST_FLAG = "_vb_page_cache"
# Derived figures (members' reputation next to their posts) follow within this time.
DEFAULT_SECONDS = 600
HEADER = "X-Page-Cache"


def _count_question_view(kwargs) -> None:
    """A question page served from the cache still counts as a view: hits add up in the
    cache and reach the row ten at a time, so a busy page costs no write per request."""
    from django.db.models import F

    from community.models import Question

    key = f"pc:views:{kwargs['pk']}"
    counter = version_cache()
    counter.add(key, 0, None)
    if counter.incr(key) >= VIEW_FLUSH_EVERY:
        counter.decr(key, VIEW_FLUSH_EVERY)
        Question.objects.filter(pk=kwargs["pk"]).update(
            view_count=F("view_count") + VIEW_FLUSH_EVERY
        )


VIEW_FLUSH_EVERY = 10


@dataclass(frozen=True)
class Rule:
    """Which tags a URL's page depends on (`{pk}` is filled from the URL's arguments), and
    what a cache hit must still do."""

    tags: tuple[str, ...]
    on_hit: object = None


# Only these URL names are ever cached; everything else (search, forms, accounts) renders fresh.
RULES: dict[str, Rule] = {
    "wagtail_serve": Rule(("kb", "questions")),
    "kb:product": Rule(("kb", "questions", "members")),
    "community:questions": Rule(("questions", "members")),
    "community:tag": Rule(("questions", "members")),
    "community:product": Rule(("kb", "questions", "members")),
    "community:question": Rule(("kb", "question:{pk}", "members"), _count_question_view),
}
# Every page shows the brand (name, logo, footer details): vraagbaak.branding bumps it.
COMMON_TAGS = ("announcements", "brand")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def version_cache():
    return caches[settings.PAGE_CACHE_VERSIONS_ALIAS]


def _version_key(tag: str) -> str:
    return f"pc:v:{tag}"


# Purging ------------------------------------------------------------------------------------


def bump(*tags: str) -> None:
    """Makes every stored page that depends on one of `tags` stale: at once (so this
    transaction's own later reads miss) and again after commit (so a page another request
    rendered from the old rows between the two is not kept)."""
    tags = tuple(dict.fromkeys(tags))
    if tags:
        _bump_now(tags)
        transaction.on_commit(lambda: _bump_now(tags))


def _bump_now(tags) -> None:
    version_cache().set_many({_version_key(t): secrets.token_hex(8) for t in tags}, None)


def question_tag(question_id: int) -> str:
    return f"question:{question_id}"


# Serving ------------------------------------------------------------------------------------


def _rule_for(request):
    """(tags, hit callback, url kwargs) for a cacheable URL, else None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    rule = RULES.get(match.view_name)
    if rule is None:
        return None
    tags = tuple(t.format(**match.kwargs) for t in rule.tags) + COMMON_TAGS
    return tags, rule.on_hit, match.kwargs


def _is_candidate(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage

    from kb.feedback import VISITOR_COOKIE

    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, VISITOR_COOKIE)
    return not any(name in cookies for name in personal)


def _key(request) -> str:
    from kb.announcements import dismissed_from

    dismissed = ",".join(map(str, sorted(dismissed_from(request))))
    raw = "|".join(
        (
            request.method == "HEAD" and "GET" or request.method,
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
            dismissed,
        )
    )
    return "pc:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _current_versions(tags) -> dict[str, str]:
    found = version_cache().get_many([_version_key(t) for t in tags])
    return {t: found[_version_key(t)] for t in tags if _version_key(t) in found}


def _lookup(key: str, tags) -> tuple[dict | None, dict[str, str]]:
    """The stored page and the tags' current versions: one round trip when both live in the
    same cache (Redis in production)."""
    if settings.PAGE_CACHE_ALIAS != settings.PAGE_CACHE_VERSIONS_ALIAS:
        return page_cache().get(key), _current_versions(tags)
    found = page_cache().get_many([key, *map(_version_key, tags)])
    current = {t: found[_version_key(t)] for t in tags if _version_key(t) in found}
    return found.get(key), current


def current_version(tag: str) -> str:
    """The tag's current version (created when there is none yet), for caches of our own
    that must go stale together with the pages (vraagbaak.branding)."""
    return _ensure_versions((tag,))[tag]


def current_versions(tags) -> dict[str, str]:
    """{tag: current version} for several tags, one round trip when they all exist (template
    fragments keyed like the pages: vraagbaak.templatetags.fragment_tags)."""
    tags = tuple(tags)
    current = _current_versions(tags)
    return current if len(current) == len(tags) else _ensure_versions(tags)


def _ensure_versions(tags) -> dict[str, str]:
    current = _current_versions(tags)
    for tag in tags:
        if tag not in current:
            version_cache().add(_version_key(tag), secrets.token_hex(8), None)
    return _current_versions(tags)


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.added_new or len(messages)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page is None or page._meta.label not in settings.PAGE_CACHE_EXCLUDED_PAGE_TYPES


def _seconds_left(now) -> int:
    """The TTL: the default, cut short by the next announcement starting or ending."""
    from django.db.models import Min, Q

    from kb.models import Announcement

    upcoming = Announcement.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    seconds = settings.PAGE_CACHE_SECONDS
    for moment in upcoming.values():
        if moment is not None:
            seconds = min(seconds, int((moment - now).total_seconds()))
    return seconds


class AnonymousPageCacheMiddleware:
    """Serves logged-out visitors' pages from the cache; must come after CsrfViewMiddleware,
    SessionMiddleware and MessageMiddleware in MIDDLEWARE, so that they see every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        enabled = settings.PAGE_CACHE_ENABLED and _is_candidate(request)
        rule = _rule_for(request) if enabled else None
        if rule is None:
            return self.get_response(request)
        tags, on_hit, kwargs = rule
        key = _key(request)
        entry, current = _lookup(key, tags)
        if entry is not None and entry["versions"] == current:
            response = self._rebuild(entry)
            response[HEADER] = "hit"
            if on_hit is not None:
                on_hit(kwargs)
        else:
            versions = _ensure_versions(tags)
            setattr(request, REQUEST_FLAG, True)
            response = self.get_response(request)
            if _storable(request, response):
                self._store(key, response, versions)
            response[HEADER] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return self._personalise(request, response)

    @staticmethod
    def _store(key, response, versions) -> None:
        seconds = _seconds_left(timezone.now())
        if seconds <= 0:
            return
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "content-length", HEADER.lower())
        }
        entry = {
            "status": response.status_code,
            "headers": headers,
            "content": response.content,
            "versions": versions,
        }
        page_cache().set(key, entry, seconds)

    @staticmethod
    def _rebuild(entry):
        from django.http import HttpResponse

        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        return response

    @staticmethod
    def _personalise(request, response):
        placeholder = CSRF_PLACEHOLDER.encode()
        if not response.streaming and placeholder in response.content:
            response.content = response.content.replace(placeholder, get_token(request).encode())
        return response


def is_cacheable_render(request) -> bool:
    """True while a page that may be stored renders (the CSRF token is then a placeholder)."""
    return getattr(request, REQUEST_FLAG, False)
