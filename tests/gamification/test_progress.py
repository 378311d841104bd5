"""A member's progress toward every badge ("3 more accepted answers"): each goal matches its
badge's rule (the badge is earned exactly when the progress reaches the target), and the
badge page shows it in a fixed number of queries."""

import datetime as dt
import re
from itertools import count
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from gamification import badges, progress, rules, services
from gamification.models import BadgeAward, ReputationEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
_keys = count()

# For each measure: the reason and facts of its i-th step (i from 0).
STEPS = {
    "asked": (rules.QUESTION_ASKED, lambda i: {}),
    "answered": (rules.ANSWER_POSTED, lambda i: {}),
    "accepted": (rules.ANSWER_ACCEPTED, lambda i: {}),
    "upvotes_given": (rules.VOTE_CAST, lambda i: {"value": 1}),
    "downvotes_given": (rules.DOWNVOTE_CAST, lambda i: {}),
    "edits": (rules.POST_EDITED, lambda i: {}),
    "verified": (rules.ANSWER_VERIFIED, lambda i: {}),
    "answer_score": (rules.ANSWER_UPVOTED, lambda i: {"score": i + 1, "post": "answer:1"}),
    "question_score": (rules.QUESTION_UPVOTED, lambda i: {"score": i + 1, "post": "question:1"}),
    "upvoted_questions": (rules.QUESTION_UPVOTED, lambda i: {"score": 1, "post": f"question:{i}"}),
    "accepted_in_tag": (rules.ANSWER_ACCEPTED, lambda i: {"tags": ["garantie"]}),
    "accepted_for_product": (rules.ANSWER_ACCEPTED, lambda i: {"product": "airfryer-xl"}),
    "languages": (rules.ANSWER_ACCEPTED, lambda i: {"language": ["nl", "en"][i]}),
    "deflections": (rules.DEFLECTION, lambda i: {}),
    "flags": (rules.FLAG_RAISED_UPHELD, lambda i: {}),
    "streak": (rules.ANSWER_POSTED, lambda i: {}),
    "promoted": (rules.ANSWER_PROMOTED, lambda i: {"post": "answer:1"}),
    "votes": (rules.VOTE_CAST, lambda i: {"value": 1}),
}


def seed(user, measure, n, target):
    """Steps 0..n-1 written straight to the ledger (fast); a streak's days end yesterday."""
    reason, facts = STEPS[measure]
    today = timezone.localdate()
    rows = []
    for i in range(n):
        f = facts(i)
        day = today - dt.timedelta(days=n - i) if measure == "streak" else today
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        rows.append(ReputationEvent(
            user=user, reason=reason, base_points=0, points=0, source_key=f"seed:{next(_keys)}",
            facts=f, tags="|" + "|".join(f["tags"]) + "|" if "tags" in f else "",
            product=f.get("product", ""), created_at=at, day=day,
        ))  # fmt: skip
    ReputationEvent.objects.bulk_create(rows)


def step(user, measure, i):
    reason, facts = STEPS[measure]
    services.record(
        user=user, reason=reason, source_key=f"step:{next(_keys)}", actor=UserFactory(),
        facts=facts(i),
    )  # fmt: skip


def test_every_badge_has_a_goal_with_a_phrase():
    assert set(progress.GOALS) == set(badges.BY_SLUG)
    assert {goal.measure for goal in progress.GOALS.values()} <= set(progress.PHRASES)
    assert set(STEPS) == set(progress.PHRASES)


@pytest.mark.parametrize("slug", sorted(progress.GOALS))
def test_the_badge_is_earned_exactly_when_its_progress_reaches_the_target(slug):
    member = UserFactory()
    goal = progress.GOALS[slug]
    seed(member, goal.measure, goal.target - 1, goal.target)
    before = progress.progress_for(slug, progress.measures(member))
    assert (before.current, before.target) == (goal.target - 1, goal.target)
    assert not BadgeAward.objects.filter(user=member, badge=slug).exists()
    step(member, goal.measure, goal.target - 1)
    after = progress.progress_for(slug, progress.measures(member))
    assert after.current == goal.target and after.percent == 100
    assert BadgeAward.objects.filter(user=member, badge=slug).exists()


class TestPhrases:
    def test_remaining_is_said_in_english_and_dutch(self):
        member = UserFactory()
        seed(member, "accepted", 7, 10)
        values = progress.measures(member)
        with translation.override("en"):
            assert progress.progress_for("helper", values).remaining_text == (
                "3 more accepted answers"
            )
        with translation.override("nl"):
            assert progress.progress_for("helper", values).remaining_text == (
                "nog 3 geaccepteerde antwoorden"
            )
            assert progress.progress_for("guru", values).remaining_text == (
                "nog 43 geaccepteerde antwoorden"
            )

    def test_the_singular_is_used_for_one(self):
        member = UserFactory()
        seed(member, "accepted", 9, 10)
        with translation.override("nl"):
            text = progress.progress_for("helper", progress.measures(member)).remaining_text
        assert text == "nog 1 geaccepteerd antwoord"


class TestMeasures:
    def test_reverted_events_do_not_count(self):
        member = UserFactory()
        seed(member, "accepted", 3, 10)
        ReputationEvent.objects.filter(user=member).update(reverted_at=timezone.now())
        assert progress.measures(member)["accepted"] == 0

    def test_a_streak_that_broke_starts_again(self):
        member = UserFactory()
        today = timezone.localdate()
        for days_ago in (0, 1, 3, 4, 5):
            day = today - dt.timedelta(days=days_ago)
            ReputationEvent.objects.create(
                user=member, reason=rules.ANSWER_POSTED, base_points=0, points=0,
                source_key=f"s:{days_ago}", day=day, created_at=timezone.now(),
            )  # fmt: skip
        assert progress.measures(member)["streak"] == 2

    def test_cost_three_queries_however_long_the_ledger(self, django_assert_num_queries):
        member = UserFactory()
        for measure in ("accepted", "answered", "deflections", "answer_score"):
            seed(member, measure, 30, 50)
        with django_assert_num_queries(3):
            progress.measures(member)

    def test_anonymous_visitors_have_none(self, django_assert_num_queries):
        from django.contrib.auth.models import AnonymousUser

        with django_assert_num_queries(0):
            assert progress.measures(AnonymousUser()) == {}


def badge_page(client, lang="en"):
    with translation.override(lang):
        return client.get(reverse("gamification:badges"))


class TestBadgePage:
    def test_a_signed_in_member_sees_how_close_they_are(self, client, home_pages):
        member = UserFactory()
        seed(member, "accepted", 7, 10)
        step(member, "accepted", 7)  # The 8th earns "problem solver" through its rule.
        client.force_login(member)
        html = badge_page(client, "nl").content.decode()
        assert "nog 2 geaccepteerde antwoorden" in html
        assert "Je hebt deze badge." in html
        listings = {item.badge.slug: item for item in badge_page(client).context["listings"]}
        assert listings["problem-solver"].held == 1
        assert (listings["helper"].progress.current, listings["helper"].progress.target) == (8, 10)

    def test_every_badge_has_its_own_icon(self, client, home_pages):
        sprite = Path(settings.BASE_DIR, "static", "gamification", "badges.svg")
        ids = set(re.findall(r'<symbol id="([^"]+)"', sprite.read_text()))
        assert {f"badge-{b.slug}" for b in badges.BADGES} <= ids
        html = badge_page(client).content.decode()
        for badge in badges.BADGES:
            assert f"badges.svg#badge-{badge.slug}" in html

    def test_visitors_are_invited_to_sign_in_to_see_progress(self, client, home_pages):
        html = badge_page(client).content.decode()
        assert "Sign in to see how close you are to each badge." in html
        assert "<progress" not in html

    def test_links_to_the_leaderboard_and_the_members_profile(self, client, home_pages):
        member = UserFactory()
        client.force_login(member)
        html = badge_page(client).content.decode()
        with translation.override("en"):
            assert reverse("gamification:leaderboard") in html
            assert member.get_absolute_url() in html

    def test_costs_a_fixed_number_of_queries_for_a_member(
        self, client, home_pages, django_assert_num_queries
    ):
        member = UserFactory()
        client.force_login(member)
        badge_page(client)  # Warm Wagtail's site cache and the session.
        with django_assert_num_queries(11) as queries:
            badge_page(client)
        for measure in ("accepted", "answered", "deflections", "votes", "answer_score"):
            seed(member, measure, 40, 50)
        step(member, "accepted", 40)
        with django_assert_num_queries(len(queries)):
            badge_page(client)
