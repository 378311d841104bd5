"""`manage.py seed_demo` builds the demo and can run again without harm."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page, Site

from community.demo import MEMBERS
from community.models import Answer, Question, User, Vote
from gamification.models import BadgeAward, ReputationEvent
from gamification.selectors import history_chart, reputation_history, reputation_of
from kb.models import HomePage

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_the_logins(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as `make run`
    call_command("seed_demo")
    first = (User.objects.count(), Page.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Page.objects.count()) == first
    out = capsys.readouterr().out
    for member in MEMBERS:
        assert member.email in out and member.password in out
    assert "Subject:" not in out  # the demo's own mails do not bury the logins


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


def test_the_demo_reads_as_months_of_community_life():
    """Members join before they post, vote or earn anything; badges follow the events that
    earned them; a regular's reputation chart rises in several steps, not in one jump."""
    call_command("seed_demo")
    joined = dict(User.objects.values_list("pk", "date_joined"))
    now = timezone.now()
    recent = User.objects.filter(date_joined__gt=now - timedelta(days=2))
    assert list(recent.values_list("username", flat=True)) == []  # nobody joined today
    early = [
        *Question.objects.values_list("author_id", "created_at"),
        *Answer.objects.values_list("author_id", "created_at"),
        *Vote.objects.values_list("user_id", "created_at"),
        *ReputationEvent.objects.values_list("user_id", "created_at"),
        *BadgeAward.objects.values_list("user_id", "awarded_at"),
    ]
    assert [(user, at) for user, at in early if at < joined[user]] == []
    first_event = dict(
        ReputationEvent.objects.order_by()
        .values("user_id")
        .annotate(at=Min("created_at"))
        .values_list("user_id", "at")
    )
    before_activity = [
        (award.user_id, award.badge)
        for award in BadgeAward.objects.all()
        if award.awarded_at < first_event.get(award.user_id, award.awarded_at)
    ]
    assert before_activity == []
    dates = set(BadgeAward.objects.values_list("awarded_at__date", flat=True))
    assert len(dates) >= 10  # spread over the months, not one day
    for username in ("sanne", "bram"):
        member = User.objects.get(username=username)
        history = reputation_history(member, total=reputation_of(member))
        steps = history_chart(history)["rows"]
        assert len(steps) >= 5, (username, steps)
        rises = [b[1] - a[1] for a, b in zip(steps, steps[1:], strict=False)]
        assert max(rises) < 0.6 * (steps[-1][1] - steps[0][1] or 1), (username, steps)
