"""The baseline: a minimal Django project (one view, no database, no middleware) that the page
benchmark serves with the same gunicorn settings as Vraagbaak, in the same run.

`gunicorn bench.bare_site:application` with DJANGO_SETTINGS_MODULE=bench.bare_site.
"""

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = "bench-bare-site-not-secret"  # noqa: S105 (serves one static string on loopback)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
USE_TZ = True


def hello(request):
    return HttpResponse("<!DOCTYPE html><title>bare</title><p>Hallo</p>")


urlpatterns = [path("", hello), path("healthz", hello)]

from django.core.wsgi import get_wsgi_application  # noqa: E402 (settings above come first)

application = get_wsgi_application()
