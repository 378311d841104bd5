"""The community demo: realistic content made through the services, safe to seed twice."""

import pytest
from django.core.management import call_command

from community.models import Answer, Comment, Flag, Question
from gamification.models import ReputationEvent

pytestmark = pytest.mark.django_db


def test_demo_community_content_is_rich_and_idempotent(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
    call_command("seed_demo")
    counts = (Question.objects.count(), Answer.objects.count(), Comment.objects.count())
    call_command("seed_demo")
    assert (Question.objects.count(), Answer.objects.count(), Comment.objects.count()) == counts
    assert Question.objects.filter(locale="nl", visibility="published").count() >= 40
    assert Question.objects.filter(locale="en").exists()
    assert Answer.objects.filter(is_accepted=True).count() >= 20
    assert Answer.objects.filter(is_verified=True).count() >= 10
    assert Question.objects.filter(duplicate_of__isnull=False).count() == 1
    assert Question.objects.filter(status="closed", duplicate_of=None).count() == 1
    assert Question.objects.filter(visibility="pending").count() == 1
    assert Flag.objects.filter(state="open").count() >= 2
    assert Question.objects.filter(kb_article__isnull=False).count() == 1
    assert ReputationEvent.objects.filter(reason="answer_upvoted").count() >= 50
