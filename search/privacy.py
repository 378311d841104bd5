"""Search's part of a member's data export and erasure (registered with community.privacy).

Search logs carry no account, only the hashed visitor key of the browser's cookie: the export
lists the searches made from the browser that asks, and erasure unlinks them (the key is
blanked, the query stays for the anonymous statistics)."""

from django.db.models import Q

from . import visitors
from .models import Deflection, SearchLog, SuggestionLog


def _visitor(request) -> str:
    return visitors.visitor_key(request) if request is not None else ""


def _mine(model, user, request):
    key = _visitor(request)
    condition = Q(visitor=key) if key else Q(pk__in=[])
    if hasattr(model, "user"):
        condition |= Q(user=user)
    return model.objects.filter(condition)


def export(user, request) -> tuple[str, dict]:
    return "search", {
        "searches": [
            {"query": s.query, "language": s.language, "created_at": s.created_at.isoformat()}
            for s in _mine(SearchLog, user, request).order_by("pk")
        ],
        "suggestions": [
            {"query": s.query, "clicked_url": s.clicked_url,
             "created_at": s.created_at.isoformat()}
            for s in _mine(SuggestionLog, user, request).order_by("pk")
        ],
        "deflections": [
            {"query": d.query, "url": d.url, "created_at": d.created_at.isoformat()}
            for d in _mine(Deflection, user, request).order_by("pk")
        ],
    }


def erase(user, request) -> None:
    for model in (SearchLog, SuggestionLog, Deflection):
        rows = _mine(model, user, request)
        if hasattr(model, "user"):
            rows.update(visitor="", user=None)
        else:
            rows.update(visitor="")
