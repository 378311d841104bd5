"""`{% feedback_vote page entry as vote %}`: this visitor's earlier answer, if any."""

from django import template
from django.utils.translation import ngettext

from ..feedback import helpfulness_of, visitor_key_from, votes_of
from ..models import FeedbackReason

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_vote(context, page, entry=""):
    """The visitor's PageFeedback for the page (or FAQ entry), or None. All of a page's votes
    are read in one query and kept on the request, so a FAQ page with many entries costs one."""
    request = context.get("request")
    if request is None or page is None:
        return None
    cache = request.__dict__.setdefault("_kb_feedback_votes", {})
    if page.pk not in cache:
        cache[page.pk] = votes_of(visitor_key=visitor_key_from(request), page_id=page.pk)
    return cache[page.pk].get(entry or "")


@register.simple_tag
def feedback_summary(page) -> str:
    """"12 of 15 found this helpful" for the whole page, or "" before its first vote."""
    if page is None:
        return ""
    yes, votes = helpfulness_of(page_id=page.pk)
    if not votes:
        return ""
    return ngettext(
        "%(yes)s of %(votes)s found this helpful",
        "%(yes)s of %(votes)s found this helpful",
        votes,
    ) % {"yes": yes, "votes": votes}


@register.simple_tag
def feedback_reasons():
    return FeedbackReason.choices
