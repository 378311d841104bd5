"""`manage.py seed_demo` builds the demo and can run again without harm."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from community.demo import MEMBERS
from community.models import User
from kb.models import HomePage

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_the_logins(capsys):
    call_command("seed_demo")
    first = (User.objects.count(), Page.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Page.objects.count()) == first
    out = capsys.readouterr().out
    for member in MEMBERS:
        assert member.email in out and member.password in out


def test_demo_home_pages_are_the_site_root_in_both_languages():
    call_command("seed_demo")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    languages = set(HomePage.objects.live().values_list("locale__language_code", flat=True))
    assert languages == {"nl", "en"}


def test_demo_roles(client):
    call_command("seed_demo")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert (
        User.objects.get(username="moderator").groups.filter(name="Community moderators").exists()
    )
    editor = User.objects.get(username="redacteur")
    assert editor.has_perm("wagtailadmin.access_admin")
    member = next(m for m in MEMBERS if m.role == "shopper")
    client.post("/en/accounts/login/", {"login": member.email, "password": member.password})
    assert client.session.get("_auth_user_id")
