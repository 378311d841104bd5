"""A real, empty search index per test in a temporary folder, for each backend: Whoosh always,
PostgreSQL full-text search when the test database is PostgreSQL."""

import pytest
from django.utils import translation

from search.backends import get_backend
from search.indexing import drain

BACKENDS = {
    "whoosh": "search.backends.whoosh.WhooshBackend",
    "postgres": "search.backends.postgres.PostgresBackend",
}


@pytest.fixture(params=list(BACKENDS), autouse=True)
def search_backend(request, settings, tmp_path):
    if request.param == "postgres":
        # Only collected on PostgreSQL (see tests/conftest.py).
        request.getfixturevalue("db")
    options = {"path": str(tmp_path / "search")} if request.param == "whoosh" else {}
    settings.SEARCH = {"BACKEND": BACKENDS[request.param], "OPTIONS": options}
    return get_backend()


@pytest.fixture(autouse=True)
def _dutch_first():
    """A request in English leaves English active in the thread; start each test in Dutch."""
    with translation.override("nl"):
        yield


@pytest.fixture
def index_now(search_backend):
    """Apply every queued index job now (what the worker does after commit)."""

    def apply() -> int:
        return drain(blocking=True)

    return apply
