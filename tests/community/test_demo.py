"""The community demo: realistic content made through the services, safe to seed twice."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from community.models import (
    Answer,
    AnswerFreshness,
    CloseVote,
    Comment,
    Flag,
    Question,
    SuggestedEdit,
    User,
)
from gamification import privileges, rules
from gamification.models import ReputationEvent
from gamification.selectors import reputation_of

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
    assert Question.objects.filter(status="closed", duplicate_of=None).count() == 2
    assert Question.objects.filter(visibility="pending").count() == 1
    assert Flag.objects.filter(state="open").count() >= 2
    assert Question.objects.filter(kb_article__isnull=False).count() == 1
    assert ReputationEvent.objects.filter(reason="answer_upvoted").count() >= 50
    assert AnswerFreshness.objects.to_recheck().count() == 2  # the re-verify queue has work
    assert SuggestedEdit.objects.count() == 3 and CloseVote.objects.count() == 5
    call_command("verify_reputation", "--check")  # SystemExit(1) when a total is off



def at_level(user, privilege, below=None):
    points = reputation_of(User.objects.get(pk=user.pk))
    return points >= privileges.threshold(privilege) and (
        below is None or points < privileges.threshold(below)
    )


def test_suggested_edits_wait_for_review_and_one_was_approved_earlier(settings, client):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
    call_command("seed_demo")
    pending = SuggestedEdit.objects.filter(state=SuggestedEdit.State.PENDING)
    assert pending.filter(question__isnull=False).count() == 1
    assert pending.filter(answer__isnull=False).count() == 1
    for suggestion in pending.select_related("author"):
        assert at_level(
            suggestion.author, privileges.EDIT_OTHERS_REVIEWED, below=privileges.EDIT_WITHOUT_REVIEW
        )
        assert suggestion.post.author_id != suggestion.author_id
        assert suggestion.post.body == suggestion.base_body  # still approvable as it is
    approved = SuggestedEdit.objects.get(state=SuggestedEdit.State.APPROVED)
    assert approved.reviewer.username == "moderator"
    assert approved.answer.body == approved.body
    event = ReputationEvent.objects.live().get(reason=rules.SUGGESTED_EDIT_APPROVED)
    assert (event.user_id, event.points) == (approved.author_id, 2)
    client.force_login(User.objects.get(username="moderator"))
    with translation.override("nl"):
        html = client.get(reverse("community:suggested_edits")).content.decode()
    assert html.count('class="card suggestion-card"') == 2


def test_one_question_was_closed_by_three_votes_and_another_has_some(settings, client):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
    call_command("seed_demo")
    closed = Question.objects.get(title="Weet iemand een goede fietsenmaker in Utrecht?")
    assert (closed.status, closed.close_reason) == ("closed", "off_topic")
    votes = CloseVote.objects.filter(question=closed, kind="close").select_related("voter")
    assert votes.count() == 3
    assert all(at_level(v.voter, privileges.VOTE_CLOSE) for v in votes)
    assert not any(v.voter.groups.exists() or v.voter.is_staff for v in votes)  # no moderator
    with translation.override("nl"):
        html = client.get(closed.get_absolute_url()).content.decode()
    assert "Gesloten: niet relevant hier." in html
    assert "Gestemd door" in html  # the voters' names stand beside the reason
    waiting = Question.objects.get(title="Welke wasmachine is het zuinigst?")
    assert waiting.status == "open"
    assert 1 <= CloseVote.objects.filter(question=waiting, round=waiting.close_round).count() < 3
