"""Reads for the search page.

For now the site-wide box searches live help-centre pages in the visitor's language through
Wagtail's own database backend; the deflecting index over articles, videos and answered
questions replaces this selector's body, not its callers.
"""

from django.db.models import QuerySet
from wagtail.models import Locale, Page


def search_pages(*, query: str, language: str) -> QuerySet[Page] | list:
    """Live, public pages in `language` that match `query`, best first."""
    query = query.strip()
    if not query:
        return []
    pages = Page.objects.live().public().filter(locale=Locale.objects.get_for_language(language))
    return pages.exclude(depth__lte=1).search(query)
