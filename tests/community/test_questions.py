"""community.services.ask_question / post_answer / post_comment / edit_post."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import services
from community.models import Question, Revision
from gamification import rules
from gamification.models import ReputationEvent
from tests.factories import UserFactory

from .factories import ANSWER, BODY, answer, ask, member_with, moderator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class TestAskQuestion:
    def test_saves_rendered_html_tags_slug_and_first_revision(self):
        question = ask(
            title="Retour na 30 dagen?",
            body="Kan ik **nog** retourneren na 30 dagen?",
            tags=["Retour", "retour", "Termijn"],
        )
        assert question.slug == "retour-na-30-dagen"
        assert question.body_html == "<p>Kan ik <strong>nog</strong> retourneren na 30 dagen?</p>"
        assert sorted(question.tags.names()) == ["retour", "termijn"]
        assert question.revisions.get().number == 1
        assert question.get_absolute_url() == f"/nl/vragen/{question.pk}/retour-na-30-dagen/"

    def test_records_question_asked_with_plain_facts(self):
        question = ask()
        event = ReputationEvent.objects.get(reason=rules.QUESTION_ASKED)
        assert event.user == question.author
        assert event.source_key == f"community:question:{question.pk}"
        assert event.facts["tags"] == ["levering"] and event.facts["language"] == "nl"

    def test_too_short_title_is_refused_with_a_message(self):
        with pytest.raises(ValidationError) as error:
            ask(title="Pakket?")
        assert "at least 10 characters" in str(error.value)

    def test_suspended_member_cannot_post(self):
        member = UserFactory(suspended_until=timezone.now() + timedelta(days=3))
        with pytest.raises(PermissionDenied, match="suspended until"):
            ask(author=member)

    def test_new_account_is_rate_limited_by_gamification(self):
        member = UserFactory()
        ask(author=member)
        with pytest.raises(ValidationError, match="posting quickly"):
            ask(author=member, title="Nog een vraag over mijn pakket")

    def test_new_account_may_not_post_many_links(self):
        body = BODY + " https://a.example https://b.example https://c.example"
        with pytest.raises(ValidationError, match="link"):
            ask(body=body)

    def test_the_asker_follows_their_question(self):
        question = ask()
        assert question.subscriptions.filter(user=question.author).exists()


class TestPostAnswer:
    def test_bumps_answer_count_and_records_answer_posted(self):
        question = ask()
        reply = answer(question)
        question.refresh_from_db()
        assert question.answer_count == 1
        assert ReputationEvent.objects.filter(
            reason=rules.ANSWER_POSTED, user=reply.author, source_key=f"community:answer:{reply.pk}"
        ).exists()

    def test_closed_question_takes_no_answers(self):
        question = ask()
        services.close_question(question=question, by=moderator(), reason="off_topic")
        with pytest.raises(ValidationError, match="closed"):
            answer(question)

    def test_locked_question_takes_no_answers(self):
        question = ask()
        services.set_flag_field(question=question, by=moderator(), field="is_locked", value=True)
        with pytest.raises(ValidationError, match="locked"):
            answer(question)

    def test_notifies_followers_but_not_the_answerer(self):
        question = ask()
        reply = answer(question)
        note = question.author.notifications.get()
        assert note.kind == "answer" and note.actor == reply.author
        assert not reply.author.notifications.exists()


class TestComments:
    def test_anyone_may_comment_on_answers_to_their_own_question(self):
        question = ask()
        reply = answer(question)
        comment = services.post_comment(
            author=question.author, post=reply, body="Dank je, ik probeer het!"
        )
        assert comment.answer == reply
        assert reply.author.notifications.filter(kind="comment").exists()

    def test_commenting_elsewhere_needs_fifty_reputation(self):
        question = ask()
        with pytest.raises(PermissionDenied, match="50 reputation to comment everywhere"):
            services.post_comment(author=UserFactory(), post=question, body="Goede vraag!")
        comment = services.post_comment(author=member_with(50), post=question, body="Goede vraag!")
        assert comment.question == question

    def test_mentions_notify_the_member(self):
        sanne = UserFactory(username="sanne")
        question = ask()
        services.post_comment(
            author=question.author, post=question, body="@sanne weet jij dit misschien?"
        )
        assert sanne.notifications.get().kind == "mention"


class TestEditPost:
    def test_author_edit_keeps_a_revision(self):
        question = ask()
        services.edit_post(
            post=question,
            by=question.author,
            title="Waar blijft mijn pakket nu?",
            body=BODY + " Update: nog steeds niets.",
            summary="update",
        )
        assert list(question.revisions.values_list("number", flat=True)) == [1, 2]
        assert Revision.objects.get(number=2).summary == "update"
        assert ReputationEvent.objects.filter(reason=rules.POST_EDITED).count() == 1

    def test_editing_someone_elses_post_needs_the_privilege(self):
        question = ask()
        with pytest.raises(PermissionDenied, match="2000 reputation"):
            services.edit_post(post=question, by=UserFactory(), title=question.title, body=BODY)

    def test_privileged_member_and_moderator_may_edit_others(self):
        reply = answer(ask())
        services.edit_post(post=reply, by=member_with(2000), body=ANSWER + " (aangevuld)")
        services.edit_post(post=reply, by=moderator(), body=ANSWER + " (nagekeken)")
        assert reply.revisions.count() == 3
        assert reply.author.notifications.filter(kind="moderation").count() == 2

    def test_unknown_pk_question_list_is_empty(self):
        assert not Question.objects.visible().filter(pk=0).exists()
