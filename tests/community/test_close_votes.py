"""Vote to close and reopen: members at the threshold vote; three votes decide, a moderator's
vote decides at once; one vote per member per round; every vote is in the audit log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from community import services
from community.models import CloseVote, ModerationAction, Question
from gamification import privileges
from tests.factories import PASSWORD

from .factories import ask, member_with, moderator

pytestmark = pytest.mark.django_db


def voter():
    return member_with(privileges.threshold(privileges.VOTE_CLOSE))


def refreshed(question):
    return Question.objects.get(pk=question.pk)


class TestClosing:
    def test_threshold_is_three_thousand_by_default(self, english):
        assert privileges.threshold(privileges.VOTE_CLOSE) == 3000
        with pytest.raises(PermissionDenied, match="3000"):
            services.vote_to_close(question=ask(), by=member_with(2999), reason="off_topic")

    def test_three_votes_close_with_the_reason_most_voters_chose(self):
        question = ask()
        for reason in ("off_topic", "off_topic"):
            services.vote_to_close(question=question, by=voter(), reason=reason)
            assert not refreshed(question).is_closed
        services.vote_to_close(question=question, by=voter(), reason="off_topic")
        question = refreshed(question)
        assert question.is_closed and question.close_reason == "off_topic"
        assert ModerationAction.objects.filter(action="close vote").count() == 3
        assert ModerationAction.objects.filter(action="close", question=question).count() == 1

    def test_duplicate_votes_point_the_question_at_the_original(self):
        original, question = ask(title="Hoe lang duurt de bezorging?"), ask()
        for _ in range(3):
            services.vote_to_close(
                question=question, by=voter(), reason="duplicate", duplicate_of=original
            )
        question = refreshed(question)
        assert question.close_reason == "duplicate" and question.duplicate_of == original

    def test_a_duplicate_vote_needs_another_question(self, english):
        question = ask()
        with pytest.raises(ValidationError, match="Link the question"):
            services.vote_to_close(question=question, by=voter(), reason="duplicate")
        with pytest.raises(ValidationError, match="Link the question"):
            services.vote_to_close(
                question=question, by=voter(), reason="duplicate", duplicate_of=question
            )

    def test_a_moderators_vote_is_binding(self):
        question = ask()
        services.vote_to_close(question=question, by=voter(), reason="duplicate",
                               duplicate_of=ask(title="Een andere vraag over pakketten"))
        services.vote_to_close(question=question, by=moderator(), reason="off_topic")
        question = refreshed(question)
        assert question.is_closed and question.close_reason == "off_topic"

    def test_one_vote_per_member_per_round(self, english):
        question, member = ask(), voter()
        services.vote_to_close(question=question, by=member, reason="off_topic")
        with pytest.raises(ValidationError, match="already voted"):
            services.vote_to_close(question=question, by=member, reason="off_topic")
        assert CloseVote.objects.count() == 1

    def test_reopen_votes_work_the_same_way_in_a_new_round(self):
        question, members = ask(), [voter() for _ in range(3)]
        for member in members:
            services.vote_to_close(question=question, by=member, reason="off_topic")
        for member in members[:2]:
            services.vote_to_reopen(question=refreshed(question), by=member)
            assert refreshed(question).is_closed
        services.vote_to_reopen(question=refreshed(question), by=members[2])
        question = refreshed(question)
        assert not question.is_closed and question.close_reason == ""
        # A new round: the same members may vote to close again.
        services.vote_to_close(question=question, by=members[0], reason="off_topic")
        assert ModerationAction.objects.filter(action="reopen vote").count() == 3

    def test_a_moderators_reopen_vote_is_binding(self):
        question = ask()
        services.close_question(question=question, by=moderator(), reason="off_topic")
        services.vote_to_reopen(question=refreshed(question), by=moderator())
        assert not refreshed(question).is_closed

    def test_closed_questions_take_no_close_votes_and_open_ones_no_reopen_votes(self, english):
        question = ask()
        with pytest.raises(ValidationError, match="not closed"):
            services.vote_to_reopen(question=question, by=voter())
        services.close_question(question=question, by=moderator(), reason="off_topic")
        with pytest.raises(ValidationError, match="already closed"):
            services.vote_to_close(question=refreshed(question), by=voter(), reason="off_topic")


class TestPage:
    def test_voters_see_the_count_and_vote_from_the_page(self, client):
        question, member = ask(), voter()
        client.login(username=member.username, password=PASSWORD)
        html = client.get(question.get_absolute_url()).content.decode()
        assert "0 van 3 stemmen om te sluiten" in html
        with translation.override("nl"):
            url = reverse("community:close_vote", kwargs={"pk": question.pk})
        client.post(url, {"action": "close", "reason": "off_topic"})
        html = client.get(question.get_absolute_url()).content.decode()
        assert "1 van 3 stemmen om te sluiten" in html and "Je hebt in deze ronde gestemd" in html

    def test_the_closed_page_shows_the_reason(self, client):
        question = ask()
        for _ in range(3):
            services.vote_to_close(question=question, by=voter(), reason="off_topic")
        html = client.get(question.get_absolute_url()).content.decode()
        assert "Gesloten: niet relevant hier" in html

    def test_members_below_the_threshold_see_no_close_form(self, client):
        question, member = ask(), member_with(100)
        client.login(username=member.username, password=PASSWORD)
        html = client.get(question.get_absolute_url()).content.decode()
        assert "stemmen om te sluiten" not in html
        with translation.override("nl"):
            url = reverse("community:close_vote", kwargs={"pk": question.pk})
        client.post(url, {"action": "close", "reason": "off_topic"})
        assert not CloseVote.objects.exists()
