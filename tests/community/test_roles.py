"""Roles and trust: staff are suspended only by an administrator; public names cannot pose as
staff or be invisible."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from community import names, services
from tests.factories import PASSWORD, UserFactory

from .factories import moderator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["superuser", "staff", "moderator"])
def test_a_moderator_cannot_suspend_the_superuser_staff_or_other_moderators(target):
    member = {
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
        "staff": lambda: UserFactory(is_staff=True),
        "moderator": moderator,
    }[target]()
    with pytest.raises(PermissionDenied, match="beheerder"):  # "only an administrator"
        services.suspend_member(member=member, by=moderator(), days=7, why="ruzie")
    member.refresh_from_db()
    assert not member.is_suspended


def test_an_administrator_can_suspend_staff():
    admin = UserFactory(is_superuser=True, is_staff=True)
    member = UserFactory(is_staff=True)
    services.suspend_member(member=member, by=admin, days=7, why="account misbruikt")
    member.refresh_from_db()
    assert member.is_suspended


@pytest.mark.parametrize("name", [
    "Mila de Moderator", "Klantenservice Vraagbaak", "MODERATOR", "m o d e r a t o r",
    "Ad-min", "Vraagbaak Support", "Medewerker Joost", "Mоderator",  # Cyrillic о
    "M0d3rat0r", "ｖｒａａｇｂａａｋ", "Admin_Sanne", "klanten service",
])
def test_staff_like_display_names_are_reserved(name):
    assert names.is_reserved(name), name


@pytest.mark.parametrize("name", ["Sanne de Vries", "Ahmed", "Joost", "Badmintonner Bo"])
def test_ordinary_names_are_fine(name):
    names.check_public_name(name)


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u202eSanne", " \u2063 ", "\u200f", "\u0301"])
def test_names_without_visible_characters_or_with_bidi_controls_are_refused(name):
    with pytest.raises(ValidationError, match="visible"), translation.override("en"):
        names.check_public_name(name)


def test_the_profile_form_refuses_a_staff_like_name_with_a_clear_message(client):
    member = UserFactory()
    assert client.login(username=member.username, password=PASSWORD)
    response = client.post("/nl/instellingen/profiel/", {"display_name": "Mila de Moderator",
                                                          "bio": ""})
    assert response.status_code == 200
    assert "zijn voor ons team" in response.content.decode()
    member.refresh_from_db()
    assert member.display_name != "Mila de Moderator"
