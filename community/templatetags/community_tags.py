"""Template tags for community pages. They fetch or format; they never decide."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from .. import selectors

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


def _answer_ld(answer, url: str) -> dict:
    return {
        "@type": "Answer",
        "text": strip_tags(answer.body_html).strip(),
        "dateCreated": answer.created_at.isoformat(),
        "upvoteCount": answer.score,
        "url": f"{url}#answer-{answer.pk}",
        "author": {
            "@type": "Person",
            "name": answer.author.public_name,
            "url": answer.author.get_absolute_url(),
        },
    }


@register.simple_tag
def qa_page_json_ld(question, answers, url: str):
    """schema.org QAPage for the question: accepted (or verified) answer and the rest as
    suggested answers. Escaped so that no "</script>" in a post can end the block."""
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
