"""Thin views: parse input, call selectors and services, render."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import selectors as community_selectors
from gamification import rates
from vraagbaak.http import JSONTooComplex, ascii_int, bounded_json, safe_next
from vraagbaak.throttle import count_hit

from . import selectors, services, visitors
from .backends import FACETS
from .models import SearchLog, SuggestionLog

log = logging.getLogger(__name__)
SEARCH_UNAVAILABLE = gettext_noop("Search is temporarily unavailable. Please try again later.")
MAX_QUERY_LENGTH = 200
MAX_SUGGESTIONS = 8
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _int(value, default: int) -> int:
    """A non-negative ASCII integer parameter ("²" or "٣" are not numbers here)."""
    number = ascii_int(value, default)
    return number if number >= 0 else default


def _local(request, url: str) -> str:
    """`url` when it points at this site, else the home page (no open redirects)."""
    return safe_next(request, url, "/")


@require_GET
def search_view(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    filters = {name: request.GET.get(name, "")[:200] for name in FACETS if request.GET.get(name)}
    context = {"query": query, "filters": filters, "facet_names": FACETS,
               "type_labels": selectors.type_labels()}
    if query and _search_limited(request, context):
        response = render(request, "search/search.html", context, status=429)
        return visitors.remember(request, response)
    if query:
        try:
            result = selectors.search(query=query, language=get_language(), filters=filters,
                                      page=_int(request.GET.get("page"), 1))
        except DatabaseError:
            raise
        except Exception:  # a missing or damaged index: say so instead of failing (README)
            log.exception("search: the index cannot be read")
            context |= {"unavailable": True, "ask_url": reverse("community:ask")}
            return render(request, "search/search.html", context, status=503)
        entry = services.log_search(
            query=result.normalised, language=get_language(), result_count=result.original_total,
            took_ms=result.took_ms, visitor=visitors.visitor_key(request),
        )
        context |= {"result": result, "search_log": entry, "facets": _facet_links(request, result),
                    "chips": _filter_chips(request, filters),
                    "hits": _hit_rows(result, entry), **_page_links(request, result)}
    else:
        context["start"] = selectors.search_start(get_language())
    context["ask_url"] = reverse("community:ask")
    response = render(request, "search/search.html", context)
    return visitors.remember(request, response)


def _search_limited(request, context) -> bool:
    """gamification's per-level search limit (members by account, visitors by address)."""
    who = request.user if request.user.is_authenticated else visitors.client_fingerprint(request)
    try:
        rates.check_rate(who, rates.SEARCH)
    except rates.RateLimited as error:
        context["rate_message"] = error.messages[0]
        return True
    return False


def _hit_rows(result, entry) -> list[dict]:
    labels = selectors.type_labels()
    first = (result.page - 1) * result.per_page
    facts = _question_facts(result.response.hits)
    return [
        {"hit": hit, "label": labels.get(hit.type, hit.type),
         "href": f"{reverse('search:click')}?" + urlencode({"s": entry.pk, "p": first + n,
                                                            "to": hit.url}),
         "facts": facts.get(hit.key)}
        for n, hit in enumerate(result.response.hits, start=1)
    ]


def _question_facts(hits) -> dict[str, dict]:
    """Community hits' current votes and accepted answer, by hit key (one query, or none)."""
    pks = {int(hit.key.split(":")[1]): hit.key for hit in hits
           if hit.type == "question" and hit.key.split(":")[-1].isdigit()}
    if not pks:
        return {}
    found = community_selectors.question_facts(pks=list(pks))
    return {pks[pk]: facts for pk, facts in found.items()}


def _page_links(request, result) -> dict:
    links = {}
    for name, page in (("prev_url", result.page - 1), ("next_url", result.page + 1)):
        if 1 <= page <= result.num_pages:
            params = request.GET.copy()
            params["page"] = page
            links[name] = f"?{params.urlencode()}"
    return links


FACET_TOP = 6  # values shown per facet; the rest sit behind "more"


def _filter_chips(request, filters: dict[str, str]) -> list[dict]:
    """Each active filter with the URL that removes it (the page's own language is no filter)."""
    labels = selectors.type_labels()
    language_names = dict(settings.LANGUAGES)
    chips = []
    for name, value in filters.items():
        if name == "language" and value == get_language():
            continue
        params = request.GET.copy()
        params.pop("page", None)
        params.pop(name, None)
        label = labels.get(value, value) if name == "type" else (
            language_names.get(value, value) if name == "language" else value)
        chips.append({"name": name, "label": label, "url": f"?{params.urlencode()}"})
    return chips


def _facet_links(request, result) -> list[dict]:
    """Each facet's values with counts and the URL that toggles the value: the `FACET_TOP`
    most frequent (and any active one) in `values`, the others in `more`."""
    labels = selectors.type_labels()
    language_names = dict(settings.LANGUAGES)
    groups = []
    for name in FACETS:
        values = []
        for value, count in result.response.facets.get(name, []):
            params = request.GET.copy()
            params.pop("page", None)
            active = params.get(name) == value or (name == "language" and not params.get(name)
                                                    and value == get_language())
            if active and name != "language":
                params.pop(name, None)
            else:
                params[name] = value
            label = labels.get(value, value) if name == "type" else (
                language_names.get(value, value) if name == "language" else value)
            values.append({"value": value, "label": label, "count": count, "active": active,
                           "url": f"?{params.urlencode()}"})
        if values:
            top = [v for n, v in enumerate(values) if n < FACET_TOP or v["active"]]
            more = [v for v in values if v not in top]
            groups.append({"name": name, "values": top, "more": more})
    return groups


@require_GET
def click_view(request):
    """A result link: record the click with its position, then go to the result."""
    to = _local(request, request.GET.get("to", ""))
    entry = SearchLog.objects.filter(
        pk=_int(request.GET.get("s"), 0), visitor=visitors.visitor_key(request)
    ).first()
    position = _int(request.GET.get("p"), 0)
    if entry and position >= 1:
        services.record_click(search=entry, position=position, url=to)
    return HttpResponseRedirect(to)


def _error(code: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=status)


def _rate_limited(request) -> bool:
    count = count_hit(f"search:suggest-rate:{visitors.client_fingerprint(request)}", window=60)
    return count > settings.SEARCH_SUGGEST_RATE


@require_GET
def suggest_api(request):
    """GET /api/v1/suggest?q=…&lang=nl|en[&context=header|ask|contact] (see README)."""
    if _rate_limited(request):
        return _error("rate_limited", _("Too many requests; try again in a minute."), 429)
    raw = request.GET.get("q", "")
    language = request.GET.get("lang", "")
    if len(raw) > MAX_QUERY_LENGTH:
        return _error("query_too_long",
                      _("The query is longer than %(max)d characters.") % {"max": MAX_QUERY_LENGTH})
    if not raw.strip():
        return _error("empty_query", _("Type something to get suggestions (parameter q)."))
    if language not in LANGUAGE_CODES:
        return _error("unknown_language",
                      _("Unknown language; use one of: %(codes)s.")
                      % {"codes": ", ".join(LANGUAGE_CODES)})
    context = request.GET.get("context", "header")
    if context not in SuggestionLog.Context.values:
        context = SuggestionLog.Context.HEADER
    limit = min(max(_int(request.GET.get("limit"), 5), 1), MAX_SUGGESTIONS)
    try:
        hits = selectors.suggest(query=raw, language=language, limit=limit, context=context)
    except DatabaseError:
        raise
    except Exception:
        log.exception("search: the index cannot be read")
        return _error("search_unavailable", _(SEARCH_UNAVAILABLE), 503)
    entry = None
    if hits:
        entry = services.log_suggestions(
            query=selectors.normalise(raw), language=language, context=context, shown=len(hits),
            visitor=visitors.visitor_key(request), user=request.user,
        )
    # The page that asks says which language it shows; the browser's language may differ.
    with translation.override(language):
        labels = selectors.type_labels()
    results = [
        {"type": hit.type, "type_label": labels.get(hit.type, hit.type), "title": hit.title,
         "url": hit.url, "snippet": hit.snippet, "key": hit.key,
         "go": f"{request.path}/go?" + urlencode({"s": entry.pk, "p": n, "to": hit.url})}
        for n, hit in enumerate(hits, start=1)
    ]
    response = JsonResponse({"query": raw.strip(), "language": language,
                             "suggestion": entry.pk if entry else None, "results": results})
    response["Cache-Control"] = "private, no-store"
    return visitors.remember(request, response)


def _own_suggestion(request, pk) -> SuggestionLog | None:
    """The visitor's own suggestion list, or None (another visitor's ids are not theirs)."""
    visitor = visitors.visitor_key(request)
    return SuggestionLog.objects.filter(pk=_int(pk, 0), visitor=visitor).first()


# Not 404: LocaleMiddleware would redirect a 404 under /api/ to a language-prefixed page.
UNKNOWN_SUGGESTION = (
    "unknown_suggestion", gettext_noop("These suggestions were not shown to you.")
)


@require_GET
def suggest_go(request):
    """A clicked suggestion: record it, then go there."""
    to = _local(request, request.GET.get("to", ""))
    suggestion = _own_suggestion(request, request.GET.get("s"))
    if suggestion is None:
        return HttpResponseRedirect(to)
    services.record_suggestion_click(suggestion=suggestion,
                                     position=_int(request.GET.get("p"), 1), url=to)
    return HttpResponseRedirect(to)


def _json_body(request) -> dict:
    """The small JSON object the suggestion POSTs send; JSONTooComplex for a body over 4 kB
    or nested deeper than 4 levels (the caller answers 400)."""
    try:
        data = bounded_json(request.body)
    except JSONTooComplex:
        raise
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _too_complex() -> JsonResponse:
    return _error("invalid_body", _("The request body is too large or too deeply nested."))


@require_POST
def suggest_confirm(request):
    """POST {suggestion, key, url}: "Dit beantwoordt mijn vraag" (a confirmed deflection)."""
    try:
        data = _json_body(request)
    except JSONTooComplex:
        return _too_complex()
    suggestion = _own_suggestion(request, data.get("suggestion"))
    if suggestion is None:
        return _error(UNKNOWN_SUGGESTION[0], _(UNKNOWN_SUGGESTION[1]))
    url = _local(request, str(data.get("url", "")))
    services.record_suggestion_click(suggestion=suggestion, position=_int(data.get("position"), 1),
                                     url=url)
    deflection = services.confirm_deflection(
        suggestion=suggestion, document=str(data.get("key", "")), url=url, user=request.user
    )
    return JsonResponse({"deflection": deflection.pk, "message": _("Thanks! Glad it helped.")})


@require_POST
def suggest_posted(request):
    """POST {suggestion}: the form was submitted after all (no implicit deflection)."""
    try:
        data = _json_body(request)
    except JSONTooComplex:
        return _too_complex()
    suggestion = _own_suggestion(request, data.get("suggestion"))
    if suggestion is None:
        return _error(UNKNOWN_SUGGESTION[0], _(UNKNOWN_SUGGESTION[1]))
    services.record_form_posted(suggestion=suggestion)
    return HttpResponse(status=204)
