"""Template tags for community pages. They fetch or format; they never decide."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from gamification import privileges

from .. import selectors
from .post_fragments import shared_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The member's unread notification count for the header (one query, once per request)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return 0
    if not hasattr(request, "_community_unread"):
        request._community_unread = selectors.unread_count(user=user)
    return request._community_unread


@register.simple_tag(takes_context=True)
def review_count(context) -> int | None:
    """The review queue's size for members who may work it (None for everyone else), once
    per request; the header's "Beoordelen (N)" entry."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not privileges.has_privilege(user, privileges.REVIEW_FIRST_POSTS):
        return None
    if not hasattr(request, "_community_review_count"):
        request._community_review_count = selectors.review_count()
    return request._community_review_count


@register.inclusion_tag("community/includes/flair.html", takes_context=True)
def author_flair(context, user_id):
    """Level, reputation, top badge and role beside a name, from the `flairs` dict the view
    put in the context (community.selectors.flairs): no query here; nothing without it."""
    flairs = context.get("flairs") or {}
    return {"flair": flairs.get(user_id)}


@register.simple_tag(takes_context=True)
def suggested_edit_count(context) -> int | None:
    """Pending suggested edits for members who review them (None for everyone else), once
    per request; the menu's "Voorgestelde bewerkingen (N)" entry."""
    from ..services.edits import may_review

    request = context.get("request")
    user = getattr(request, "user", None)
    if not may_review(user):
        return None
    if not hasattr(request, "_community_suggested_edits"):
        request._community_suggested_edits = selectors.suggested_edit_count()
    return request._community_suggested_edits


@register.simple_tag(takes_context=True)
def open_flags(context, question) -> dict:
    """Open flag counts on a question page for moderators (the "gemeld" markers):
    {"question": n, "answers": {answer pk: n}}. One query; nothing for anyone else."""
    request = context.get("request")
    if not privileges.has_privilege(getattr(request, "user", None), privileges.REVIEW_FIRST_POSTS):
        return {}
    return selectors.open_flag_counts(question=question)


def _answer_ld(answer, url: str) -> dict:
    return {
        "@type": "Answer",
        "text": answer.shared.text,
        "dateCreated": answer.created_at.isoformat(),
        "upvoteCount": answer.score,
        "url": f"{url}#answer-{answer.pk}",
        "author": {
            "@type": "Person",
            "name": answer.author.public_name,
            "url": answer.author.get_absolute_url(),
        },
    }


@register.simple_tag(takes_context=True)
def qa_page_json_ld(context, question, answers, url: str):
    """schema.org QAPage for the question: accepted (or verified) answer and the rest as
    suggested answers. Escaped so that no "</script>" in a post can end the block. The
    answers' plain text comes with their shared fragments (post_fragments), cached."""
    shared_parts(answers, context.get("flairs") or {})
    visible = [a for a in answers if a.visibility == "published"]
    accepted = next((a for a in visible if a.is_accepted), None) or next(
        (a for a in visible if a.is_verified), None
    )
    main = {
        "@type": "Question",
        "name": question.title,
        "text": strip_tags(question.body_html).strip(),
        "answerCount": len(visible),
        "upvoteCount": question.score,
        "dateCreated": question.created_at.isoformat(),
        "author": {
            "@type": "Person",
            "name": question.author.public_name,
            "url": question.author.get_absolute_url(),
        },
    }
    if accepted is not None:
        main["acceptedAnswer"] = _answer_ld(accepted, url)
    suggested = [_answer_ld(a, url) for a in visible if a is not accepted]
    if suggested:
        main["suggestedAnswer"] = suggested
    data = {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": main}
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
