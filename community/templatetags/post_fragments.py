"""Shared fragments of the question page: each answer's body, pictures, author line and
comments, rendered once and served from the cache to every visitor, logged in or not.

What a fragment shows is the same for everyone; what depends on the viewer (vote state, accept,
verify, edit, flag and delete buttons, the comment form) stays in answer.html and is rendered
per request. A fragment is rendered without the request, so nothing of the viewer can reach it;
the delete button a moderator or a comment's author gets is filled into a slot per viewer.

Keys are content-addressed: a digest of everything the fragment shows (the answer's HTML, its
edit date, pictures, the comments, every author's name, avatar, link and flair), the language,
the time zone and the template itself. Any write changes the digest, so an edit, a new or
hidden comment, a renamed member or a reputation change shown in a flair re-keys the fragment
and nothing needs purging; the TTL only bounds memory. One cache round trip per page.
"""

import functools
import hashlib
import re
from dataclasses import dataclass

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "community/includes/answers_shared.html"
COMMENT_TOOLS = "community/includes/comment_tools.html"
SECONDS = 24 * 3600


@dataclass(frozen=True)
class Shared:
    """One answer's shared HTML: above the tools, the comment list, and the plain text that
    the page's JSON-LD carries."""

    body: str
    comments: str
    text: str


@functools.cache
def _mark() -> str:
    # Markers carry a secret, so text inside a post can never pass for one.
    return salted_hmac("community.post_fragments", "markers").hexdigest()[:16]


@functools.cache
def _template_digest() -> str:
    return hashlib.sha256(get_template(TEMPLATE).template.source.encode()).hexdigest()[:12]


def _flair_facts(flair) -> tuple:
    if flair is None:
        return ()
    badge = flair.top_badge
    return (flair.reputation, flair.level.number, badge.slug if badge else "", flair.role)


def _member_facts(member, flairs) -> tuple:
    avatar = member.avatar.name if member.avatar else ""
    return (
        member.pk,
        member.public_name,
        avatar,
        member.get_absolute_url(),
        _flair_facts(flairs.get(member.pk)),
    )


def _key(answer, flairs) -> str:
    facts = (
        answer.pk,
        answer.body_html,
        answer.created_at,
        answer.edited_at,
        [(p.pk, p.image.name, p.width, p.height) for p in answer.images.all()],
        _member_facts(answer.author, flairs),
        [
            (c.pk, c.body_html, c.visibility, c.created_at, _member_facts(c.author, flairs))
            for c in answer.comment_list
        ],
        get_language(),
        timezone.get_current_timezone_name(),
        _template_digest(),
    )
    digest = hashlib.sha256(repr(facts).encode()).hexdigest()
    return f"frag:answer:{answer.pk}:{digest}"


def _render(answers, flairs) -> dict[int, Shared]:
    """Renders every answer in `answers` with one template render, without the request."""
    mark = _mark()
    html = get_template(TEMPLATE).render({"answers": answers, "flairs": flairs, "mark": mark})
    parts = {}
    for chunk in html.split(f"<!--vb-answer:{mark}:")[1:]:
        pk, _, rest = chunk.partition("-->")
        parts[int(pk)] = rest.split(f"<!--vb-split:{mark}-->")
    return {
        a.pk: Shared(
            body=parts[a.pk][0], comments=parts[a.pk][1], text=strip_tags(a.body_html).strip()
        )
        for a in answers
    }


def shared_parts(answers, flairs) -> None:
    """Puts `.shared` (a Shared) on every answer: from the cache, rendering the missing ones.
    Idempotent within a request (the JSON-LD and the answer list both ask)."""
    todo = [a for a in answers if not hasattr(a, "shared")]
    if not todo:
        return
    keys = {a.pk: _key(a, flairs) for a in todo}
    found = cache.get_many(list(keys.values()))
    missing = [a for a in todo if keys[a.pk] not in found]
    if missing:
        fresh = {keys[pk]: part for pk, part in _render(missing, flairs).items()}
        cache.set_many(fresh, SECONDS)
        found.update(fresh)
    for answer in todo:
        answer.shared = found[keys[answer.pk]]


def _context_flairs(context) -> dict:
    return context.get("flairs") or {}


@register.simple_tag(takes_context=True)
def answer_body(context, answer):
    """The answer's shared body, pictures and author line."""
    shared_parts(context.get("answers") or [answer], _context_flairs(context))
    return mark_safe(answer.shared.body)  # noqa: S308 (rendered by our own template)


@register.simple_tag(takes_context=True)
def answer_comments(context, answer):
    """The answer's shared comment list, with the viewer's own delete buttons filled in (a
    moderator's on every comment, a member's on their own)."""
    shared_parts(context.get("answers") or [answer], _context_flairs(context))
    slot = re.compile(f"<!--vb-comment-tools:{_mark()}:(\\d+)-->")
    user = context.get("user")
    if not getattr(user, "is_authenticated", False):
        return mark_safe(slot.sub("", answer.shared.comments))  # noqa: S308
    can = context.get("can") or {}
    moderator = getattr(can.get("moderate"), "allowed", False)
    comments = {c.pk: c for c in answer.comment_list}
    tools = get_template(COMMENT_TOOLS).template

    def fill(match):
        comment = comments.get(int(match.group(1)))
        if comment is None or not (moderator or comment.author_id == user.pk):
            return ""
        return tools.render(
            context.new({"comment": comment, "csrf_token": context.get("csrf_token")})
        )

    return mark_safe(slot.sub(fill, answer.shared.comments))  # noqa: S308
