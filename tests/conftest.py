import shutil
import tempfile

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL (its search backend, writers that truly run in parallel) run
    in CI's PostgreSQL pass; on SQLite they are deselected, so no run reports them as skipped."""
    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    keep, postgres_only = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        needs_postgres = item.get_closest_marker("postgresql") or params.get(
            "search_backend"
        ) == "postgres"
        (postgres_only if needs_postgres else keep).append(item)
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = keep


@pytest.fixture(autouse=True)
def _isolated_media(settings):
    """Uploads and the Whoosh index go to fresh folders per test, removed afterwards, so no test
    writes into var/ (tests/search/conftest.py picks its own backend per test)."""
    media = tempfile.mkdtemp(prefix="vraagbaak-media-")
    settings.MEDIA_ROOT = media
    if "path" in settings.SEARCH.get("OPTIONS", {}):
        settings.SEARCH = {**settings.SEARCH, "OPTIONS": {"path": f"{media}/search-index"}}
    yield media
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; one test's attempts must not limit the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_pages(db):
    """The Dutch home page as site root, with its English translation (as seed_demo makes)."""
    from kb.demo import seed_home_pages

    return seed_home_pages()
