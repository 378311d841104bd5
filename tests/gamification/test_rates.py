"""One table of limits for every write (gamification.rates): per level, per minute and per
day, with a message that says when the limit lifts, and a JSON 429 for fetch()."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from community import services
from community.models import Comment
from gamification import rates
from tests.community.factories import answer, ask, member_with, moderator
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(dt.datetime(2026, 3, 2, 12, 0, 0)).timestamp()


@pytest.fixture(autouse=True)
def _publish_directly(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


def test_every_write_has_a_row_for_every_level():
    for action in ("question", "answer", "comment", "vote", "flag", "edit", "feedback",
                   "search", "ticket"):
        assert rates.rate_for(action, 0).per_minute >= 1
        assert rates.rate_for(action, 10_000).per_day >= rates.rate_for(action, 0).per_day


def test_votes_stop_at_forty_a_day_like_stack_exchange():
    voter = member_with(125)
    for n in range(40):
        rates.check_rate(voter, rates.VOTE, now=NOON + n * 60)
    with translation.override("en"), pytest.raises(rates.RateLimited) as refused:
        rates.check_rate(voter, rates.VOTE, now=NOON + 40 * 60)
    # The day ends at midnight, 11 h 20 min after the 41st vote at 12:40.
    assert "try again in 680 minutes" in refused.value.messages[0]
    rates.check_rate(voter, rates.VOTE, now=NOON + 12 * 3600)  # the next day


def test_a_minute_limit_says_how_many_seconds_are_left():
    voter = member_with(15)
    for _ in range(10):
        rates.check_rate(voter, rates.VOTE, now=NOON + 15)
    with translation.override("en"), pytest.raises(rates.RateLimited) as refused:
        rates.check_rate(voter, rates.VOTE, now=NOON + 15)
    assert "try again in 45 seconds" in refused.value.messages[0]
    assert refused.value.retry_after == 45


def test_the_message_is_dutch_on_the_dutch_site():
    member = UserFactory()
    rates.check_rate(member, rates.COMMENT, now=NOON)
    with translation.override("nl"), pytest.raises(rates.RateLimited) as refused:
        rates.check_rate(member, rates.COMMENT, now=NOON + 1)
    assert "probeer het over 59 seconden opnieuw" in refused.value.messages[0].lower()


def test_moderators_and_the_demo_have_no_limits():
    mod = moderator()
    member = UserFactory()
    for _ in range(100):
        rates.check_rate(mod, rates.FLAG, now=NOON)
    with rates.unlimited():
        for _ in range(100):
            rates.check_rate(member, rates.FLAG, now=NOON)


def test_anonymous_visitors_are_limited_by_key():
    for _ in range(60):
        rates.check_rate("visitor-1", rates.SEARCH, now=NOON)
    with pytest.raises(rates.RateLimited):
        rates.check_rate("visitor-1", rates.SEARCH, now=NOON)
    rates.check_rate("visitor-2", rates.SEARCH, now=NOON)


def test_the_search_page_minute_limit_is_a_setting(settings):
    settings.SEARCH_PAGE_RATE = 2
    for _ in range(2):
        rates.check_rate("visitor-3", rates.SEARCH, now=NOON)
    with pytest.raises(rates.RateLimited):
        rates.check_rate("visitor-3", rates.SEARCH, now=NOON)
    assert rates.rate_for(rates.SEARCH, 0).per_day == rates.RATES[rates.SEARCH][0].per_day


def test_comments_follow_the_sixty_second_rule():
    question = ask()
    services.post_comment(author=question.author, post=question, body="Eerste opmerking hier")
    with translation.override("en"), pytest.raises(rates.RateLimited, match="try again in"):
        services.post_comment(author=question.author, post=question, body="Nog een opmerking")
    assert Comment.objects.count() == 1


def test_voting_too_fast_by_fetch_is_a_json_429(client):
    question = ask()
    posts = [answer(question, author=UserFactory()) for _ in range(6)]
    voter = member_with(15)
    assert client.login(username=voter.username, password=PASSWORD)
    statuses = []
    for post in posts * 2:  # an up vote and its retraction count alike
        response = client.post(f"/nl/community/answer/{post.pk}/vote/", {"value": "up"},
                               HTTP_ACCEPT="application/json")
        statuses.append(response.status_code)
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    assert response.json()["error"] == "rate_limited" and int(response["Retry-After"]) >= 1


def test_flags_are_limited_per_minute(client):
    question = ask()
    flagger = member_with(15)
    allowed = rates.rate_for(rates.FLAG, 15).per_minute
    posts = [answer(question, author=UserFactory()) for _ in range(allowed + 1)]
    for post in posts[:allowed]:
        services.raise_flag(post=post, by=flagger, reason="spam")
    with pytest.raises(rates.RateLimited):
        services.raise_flag(post=posts[allowed], by=flagger, reason="spam")
