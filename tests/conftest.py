import shutil
import tempfile

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated_media(settings):
    """Uploads go to a fresh folder per test and are removed afterwards."""
    media = tempfile.mkdtemp(prefix="vraagbaak-media-")
    settings.MEDIA_ROOT = media
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
