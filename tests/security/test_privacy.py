"""AVG/GDPR: a shopper downloads everything we hold about them and deletes their account from
the profile settings page; raw logs expire after LOG_RETENTION_DAYS; staff can sign in with a
second factor (TOTP, allauth.mfa)."""

import base64
import hashlib
import hmac
import json
import struct
import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Answer, Notification, Question, User, Vote
from community.privacy import FORMER_MEMBER
from community.services import cast_vote
from search.models import SearchClick, SearchLog, SuggestionLog
from tests.community.factories import answer, ask, member_with
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nl():
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture
def shopper_with_history(nl, home_pages, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    shopper = member_with(200, username="privacyklant", display_name="Petra Privé",
                          bio="Ik woon in Utrecht")
    other = member_with(200)
    question = ask(author=shopper, title="Hoe lang duurt een retour?")
    reply = answer(ask(author=other), author=shopper)
    cast_vote(user=shopper, post=answer(question, author=other), value=1)
    client = Client()
    client.force_login(shopper)
    client.get(reverse("search:search"), {"q": "retour geheim zoekwoord"})
    return shopper, question, reply, client


def test_download_contains_profile_posts_votes_reputation_and_searches(shopper_with_history):
    shopper, question, reply, client = shopper_with_history
    settings_page = client.get(reverse("community:settings")).content.decode()
    assert reverse("community:export_data") in settings_page
    response = client.get(reverse("community:export_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["email"] == shopper.email
    assert data["profile"]["bio"] == "Ik woon in Utrecht"
    assert [q["title"] for q in data["questions"]] == [question.title]
    assert [a["id"] for a in data["answers"]] == [reply.pk]
    assert len(data["votes"]) == 1 and data["votes"][0]["value"] == 1
    assert data["reputation"]
    assert [s["query"] for s in data["search"]["searches"]] == ["retour geheim zoekwoord"]


def test_download_of_another_browser_holds_not_its_searches(shopper_with_history):
    shopper, *_rest = shopper_with_history
    elsewhere = Client()
    elsewhere.force_login(shopper)
    data = json.loads(elsewhere.get(reverse("community:export_data")).content)
    assert data["search"]["searches"] == []


def test_delete_needs_the_password_and_keeps_the_text(shopper_with_history):
    shopper, _question, _reply, client = shopper_with_history
    url = reverse("community:delete_account")
    assert url in client.get(reverse("community:settings")).content.decode()
    response = client.post(url, {"password": "fout-wachtwoord", "confirm": "on"})
    assert response.status_code == 200
    assert "Dat is niet je wachtwoord" in response.content.decode()
    assert User.objects.get(pk=shopper.pk).is_active


def test_deleted_account_is_anonymised_and_reputation_stays_consistent(
    shopper_with_history, capsys
):
    shopper, question, reply, client = shopper_with_history
    votes_before = Vote.objects.count()
    response = client.post(reverse("community:delete_account"),
                           {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    gone = User.objects.get(pk=shopper.pk)
    assert gone.display_name == FORMER_MEMBER and not gone.is_active
    assert "privacyklant" not in gone.username and gone.email == "" and gone.bio == ""
    assert not gone.has_usable_password()
    assert not EmailAddress.objects.filter(user=gone).exists()
    assert not Notification.objects.filter(recipient=gone).exists()
    # Posts stay, under the former member's name; votes and scores stay.
    assert Question.objects.get(pk=question.pk).author == gone
    assert Answer.objects.get(pk=reply.pk).author == gone
    assert Vote.objects.count() == votes_before
    page = Client().get(question.get_absolute_url()).content.decode()
    assert FORMER_MEMBER in page and "Petra Privé" not in page
    # Search logs are unlinked from the visitor, the statistics keep the query.
    assert SearchLog.objects.filter(query__contains="geheim").get().visitor == ""
    # The session is over and the old login no longer works.
    assert client.get(reverse("community:settings")).status_code == 302
    assert not Client().login(username="privacyklant", password=PASSWORD)
    capsys.readouterr()
    call_command("verify_reputation", "--check")
    assert "0 wrong" in capsys.readouterr().out


def test_log_retention_purges_old_raw_logs_idempotently(nl, settings):
    from search import tasks

    settings.LOG_RETENTION_DAYS = 30
    old, recent = timezone.now() - timedelta(days=31), timezone.now() - timedelta(days=29)
    for when in (old, recent):
        log = SearchLog.objects.create(query="q", language="nl", result_count=1, took_ms=1,
                                       visitor="v")
        SearchClick.objects.create(search=log, position=1, url="/nl/")
        SuggestionLog.objects.create(query="q", language="nl", shown=1, visitor="v")
        SearchLog.objects.filter(pk=log.pk).update(created_at=when)
        SuggestionLog.objects.filter(visitor="v", created_at__gt=recent).update(created_at=when)
    # Raw logs go only once insights rolled their day up into the daily figures.
    assert tasks.purge_old_logs() == 0
    from insights.services import roll_up_day

    roll_up_day(timezone.localdate(old))
    assert tasks.purge_old_logs() == 3  # the old search, its click and the old suggestion
    assert tasks.purge_old_logs() == 0
    assert SearchLog.objects.count() == SuggestionLog.objects.count() == 1
    assert ("purge_old_logs", 86400, tasks.purge_old_logs) in tasks.SCHEDULE


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 with SHA-1, 30-second steps and 6 digits: what an authenticator app shows."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def test_staff_member_enables_totp_and_then_needs_a_code_to_sign_in(nl, home_pages):
    editor = UserFactory(username="redacteur2fa", is_staff=True)
    client = Client()
    assert client.post(reverse("account_login"),
                       {"login": editor.email, "password": PASSWORD}).status_code == 302
    # allauth asks for the password again before a security change.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.post(reverse("account_logout"))

    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert fresh.get(reverse("community:settings")).status_code == 302  # not signed in yet
    wrong = fresh.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    # A new code: allauth refuses to accept the same code twice.
    code = totp(secret, time.time() + 30)
    response = fresh.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert fresh.get(reverse("community:settings")).status_code == 200
