import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _no_first_post_review(settings):
    """Most tests are about other rules; test_moderation turns first-post review back on."""
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


@pytest.fixture
def english():
    """Service messages in the source language, as the English site shows them."""
    with translation.override("en"):
        yield
