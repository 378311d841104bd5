import pytest

from tests.factories import UserFactory


@pytest.fixture
def author(db):
    return UserFactory(username="auteur")


@pytest.fixture
def voter(db):
    return UserFactory(username="stemmer")


@pytest.fixture
def make_user(db):
    return UserFactory
