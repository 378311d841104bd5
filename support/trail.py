"""What the shopper did on this visit before contacting us, read from search's logs by the
anonymous visitor key: searches (with the results they opened), suggestions shown, clicked
or passed over, and the pages they read. Stored on the ticket as a snapshot."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from search.models import Deflection, SearchLog, SuggestionLog

VISIT = timedelta(hours=2)
LIMIT = 20


def visit_trail(visitor: str, *, now=None, extra_shown: list[dict] | None = None) -> dict:
    """{searches: [{query, results, at, clicked: [url]}], suggestions: [{query, context,
    shown, clicked_url, dismissed}], pages: [url], shown_on_contact: [...]}. Three queries."""
    if not visitor:
        return {"searches": [], "suggestions": [], "pages": [], "shown_on_contact": []}
    since = (now or timezone.now()) - VISIT
    searches = list(SearchLog.objects.filter(visitor=visitor, created_at__gte=since)
                    .prefetch_related("clicks").order_by("-created_at")[:LIMIT])
    suggestions, seen = [], set()
    for row in (SuggestionLog.objects.filter(visitor=visitor, created_at__gte=since)
                .order_by("-created_at")[:LIMIT]):
        if (row.query, row.context) not in seen or row.clicked_url:
            seen.add((row.query, row.context))
            suggestions.append(row)
    confirmed = set(Deflection.objects.filter(visitor=visitor, created_at__gte=since)
                    .values_list("suggestion_id", flat=True))
    pages = []
    for entry in searches:
        pages += [c.url for c in entry.clicks.all()]
    pages += [s.clicked_url for s in suggestions if s.clicked_url]
    return {
        "searches": [
            {"query": s.query, "results": s.result_count, "at": s.created_at.isoformat(),
             "clicked": [c.url for c in s.clicks.all()]}
            for s in searches
        ],
        "suggestions": [
            {"query": s.query, "context": s.context, "shown": s.shown,
             "clicked_url": s.clicked_url,
             "dismissed": not s.clicked_url and s.pk not in confirmed,
             "at": s.created_at.isoformat()}
            for s in suggestions
        ],
        "pages": list(dict.fromkeys(pages)),
        "shown_on_contact": extra_shown or [],
    }
