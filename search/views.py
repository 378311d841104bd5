from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from . import selectors

MAX_QUERY_LENGTH = 200


def search_view(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    results = selectors.search_pages(query=query, language=get_language())
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "page_obj": page})
