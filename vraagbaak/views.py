import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import branding


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the database cannot be reached (a Retry-After a proxy
    or browser can act on), otherwise the plain 500 page. Renders without the database."""
    from django.db import InterfaceError, OperationalError
    from django.template import loader

    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    page = loader.get_template("503.html" if unavailable else template_name)
    response = HttpResponseServerError(page.render())
    if unavailable:
        response.status_code = 503
        response["Retry-After"] = "60"
    return response


@require_GET
def brand_css(request):
    """/brand.css: the brand colour as CSS custom properties (the CSP allows no inline style).
    The layout links it with the colour's version in the query string, so it may be cached
    for a day; a changed colour is a new URL."""
    brand = branding.brand_for(request)
    response = HttpResponse(branding.stylesheet(brand["colour"]), content_type="text/css")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def privacy(request):
    """The privacy statement: what the site stores about shoppers and members, and why."""
    return render(request, "vraagbaak/privacy.html")


@require_GET
def cookies(request):
    """Cookie information: every cookie the site sets; all of them functional."""
    return render(request, "vraagbaak/cookies.html")
