"""Wagtail admin listings for the moderation queues: moderators read, nobody edits there."""

import pytest
from django.contrib.auth.models import Permission

from community import services
from tests.factories import PASSWORD, UserFactory

from .factories import ask, member_with, moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_moderator():
    user = moderator()
    user.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_moderator_sees_open_flags_and_the_audit_log(client, admin_moderator):
    question = ask(title="Goedkope merkhorloges te koop via deze link")
    services.raise_flag(post=question, by=member_with(15), reason="spam", note="reclame")
    services.close_question(question=question, by=admin_moderator, reason="spam")
    client.login(username=admin_moderator.username, password=PASSWORD)
    flags = client.get("/admin/community/flags/")
    assert flags.status_code == 200 and "Goedkope merkhorloges" in flags.content.decode()
    log = client.get("/admin/community/moderation-log/")
    assert log.status_code == 200 and "close" in log.content.decode()
    assert client.get("/admin/community/flags/new/").status_code in (302, 403)


def test_shopper_has_no_access(client):
    shopper = UserFactory()
    client.login(username=shopper.username, password=PASSWORD)
    assert client.get("/admin/community/flags/").status_code in (302, 403)
