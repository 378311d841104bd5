"""POST {title, body} while the shopper types on the ask form: does the draft hold personal
data? Runs the same check and renders the same notice as posting does (so the JavaScript in
static/js/pii-warning.js has no rules or texts of its own). Members only, rate limited."""

from django.conf import settings
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vraagbaak.http import JSONTooComplex, bounded_json
from vraagbaak.throttle import count_hit

from ..services.posts import PersonalDataFound, guard_personal_data
from ._shared import personal_data_notice

MAX_TITLE, MAX_BODY = 150, 10_000  # the ask form's own limits
MAX_BYTES = 64 * 1024


def _rate_limited(user) -> bool:
    count = count_hit(f"community:pii-check:{user.pk}", window=60)
    return count > getattr(settings, "COMMUNITY_PII_CHECK_RATE", 60)


def _error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


@require_POST
def pii_check(request):
    if not request.user.is_authenticated:
        return _error("login_required", _("Log in to ask a question."), 403)
    if _rate_limited(request.user):
        return _error("rate_limited", _("Too many checks at once; wait a moment."), 429)
    try:
        data = bounded_json(request.body, max_bytes=MAX_BYTES)
    except (JSONTooComplex, ValueError):
        return _error("bad_request", _("Send a small JSON object with title and body."), 400)
    if not isinstance(data, dict):
        data = {}
    title, body = (str(data.get(name) or "")[:limit]
                   for name, limit in (("title", MAX_TITLE), ("body", MAX_BODY)))
    try:
        guard_personal_data(title, body, confirmed=False)
    except PersonalDataFound as found:
        notice = personal_data_notice(found, offer_private=True)
        html = render_to_string("community/includes/pii_notice.html",
                                {"notice": notice, "live": True}, request=request)
        return JsonResponse({"found": True, "html": html})
    return JsonResponse({"found": False, "html": ""})
