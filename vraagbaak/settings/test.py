"""The test suite: the real database named by DATABASE_URL (SQLite by default), fast hashing,
mail kept in memory so tests can read it."""

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_VERSIONS_ALIAS = "default"
# Tests that pin a page's cost render it fresh; tests/vraagbaak/test_page_cache.py turns the
# logged-out page cache on.
PAGE_CACHE_ENABLED = False
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SERVE_MEDIA = True
