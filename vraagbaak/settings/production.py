"""Production: gunicorn behind a TLS-terminating proxy, WhiteNoise for static files.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, and passes `check --deploy` clean.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE

if "SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured("Set SECRET_KEY: production will not start with the dev key.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names (comma separated).")

DEBUG = False
# WhiteNoise serves the collected, compressed, hash-named files right after SecurityMiddleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "0") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS ends at the proxy, which tells us so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
VISITOR_COOKIE_SECURE = os.environ.get("VISITOR_COOKIE_SECURE", "1") == "1"
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Wagtail's preview shows the page in an iframe from our own origin, which DENY would block;
# SAMEORIGIN still refuses every other site's frames.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
