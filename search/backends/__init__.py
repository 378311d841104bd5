"""`get_backend()`: the configured search backend (settings.SEARCH), one instance per process
and configuration so its searchers are reused across requests."""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import FACETS, Hit, SearchBackend, SearchRequest, SearchResponse

__all__ = ["FACETS", "Hit", "SearchBackend", "SearchRequest", "SearchResponse", "get_backend"]


def get_backend() -> SearchBackend:
    config = settings.SEARCH
    return _backend(config["BACKEND"], tuple(sorted(config.get("OPTIONS", {}).items())))


@lru_cache(maxsize=8)
def _backend(path: str, options: tuple) -> SearchBackend:
    return import_string(path)(**dict(options))
