"""Support tests: private attachments in a temporary folder, a real Whoosh index, and the
Klantenservice group with a member."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from search.indexing import drain
from support.roles import ensure_support_group
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _private_attachments(settings, tmp_path):
    settings.SUPPORT_ATTACHMENTS_ROOT = str(tmp_path / "support-attachments")
    settings.SEARCH = {"BACKEND": "search.backends.whoosh.WhooshBackend",
                       "OPTIONS": {"path": str(tmp_path / "search")}}


@pytest.fixture(autouse=True)
def _dutch_first():
    with translation.override("nl"):
        yield


@pytest.fixture
def index_now():
    return lambda: drain(blocking=True)


@pytest.fixture
def support_group(db) -> Group:
    return ensure_support_group()


@pytest.fixture
def agent(support_group):
    user = UserFactory(username="agent", display_name="Kim Klantenservice", is_staff=True)
    user.groups.add(support_group)
    return user


@pytest.fixture
def shopper(db):
    return UserFactory(username="sanne")
