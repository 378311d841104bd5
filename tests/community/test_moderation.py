"""Flags, the review queue, first-post approval and moderator actions with their audit log."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import services
from community.models import Flag, ModerationAction, Question
from gamification import rules
from gamification.models import ReputationEvent
from gamification.selectors import reputation_of
from tests.factories import PASSWORD, UserFactory

from .factories import answer, ask, member_with, moderator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def fresh(user):
    return type(user).objects.get(pk=user.pk)


class TestFirstPosts:
    @pytest.fixture(autouse=True)
    def _review_first_posts(self, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1

    def test_first_post_waits_and_is_hidden_from_others(self, client):
        question = ask()
        assert question.visibility == "pending"
        assert client.get(question.get_absolute_url()).status_code == 404

    def test_approval_publishes_announces_and_is_logged(self, client):
        follower = UserFactory()
        services.follow(user=follower, tag="levering")
        question = ask()
        mod = moderator()
        services.review_post(post=question, by=mod, approve=True)
        question.refresh_from_db()
        assert question.visibility == "published"
        assert client.get(question.get_absolute_url()).status_code == 200
        assert follower.notifications.get().kind == "followed"
        assert ModerationAction.objects.get().action == "approve"

    def test_after_one_approved_post_the_next_publishes_directly(self):
        member = UserFactory()
        first = ask(author=member)
        services.review_post(post=first, by=moderator(), approve=True)
        # New members wait a minute between posts (gamification's limit): backdate the first.
        Question.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(hours=1))
        later = ask(author=member, title="Tweede vraag over de bezorging")
        assert later.visibility == "published"

    def test_shopper_without_the_privilege_cannot_review(self):
        with pytest.raises(PermissionDenied, match="1000 reputation"):
            services.review_post(post=ask(), by=UserFactory(), approve=True)

    def test_pending_answer_does_not_count_until_approved(self):
        question = ask(author=moderator())
        reply = answer(question)
        question.refresh_from_db()
        assert reply.visibility == "pending" and question.answer_count == 0
        services.review_post(post=reply, by=moderator(), approve=True)
        question.refresh_from_db()
        assert question.answer_count == 1


class TestFlags:
    def test_flagging_needs_fifteen_reputation(self):
        with pytest.raises(PermissionDenied, match="15 reputation to flag"):
            services.raise_flag(post=ask(), by=UserFactory(), reason="spam")

    def test_one_open_flag_per_member_per_post(self):
        question, flagger = ask(), member_with(15)
        services.raise_flag(post=question, by=flagger, reason="spam")
        with pytest.raises(ValidationError, match="already flagged"):
            services.raise_flag(post=question, by=flagger, reason="rude")

    def test_duplicate_flag_needs_the_original(self):
        with pytest.raises(ValidationError, match="Link the question"):
            services.raise_flag(post=ask(), by=member_with(15), reason="duplicate")

    def test_upheld_spam_flag_costs_the_author_and_credits_the_flaggers(self):
        spammer = member_with(120)
        reply = answer(ask(), author=spammer)
        first, second = member_with(15), member_with(15)
        flag = services.raise_flag(post=reply, by=first, reason="spam", note="reclame")
        services.raise_flag(post=reply, by=second, reason="spam")
        services.resolve_flag(flag=flag, by=moderator(), upheld=True, why="verkoopt horloges")
        assert set(Flag.objects.values_list("state", flat=True)) == {"upheld"}
        assert reputation_of(fresh(spammer)) == 20
        assert ReputationEvent.objects.live().filter(reason=rules.FLAG_RAISED_UPHELD).count() == 2
        log = ModerationAction.objects.get()
        assert (log.action, log.reason) == ("flag upheld", "verkoopt horloges")

    def test_dismissed_flag_changes_no_reputation(self):
        reply = answer(ask())
        flag = services.raise_flag(post=reply, by=member_with(15), reason="rude")
        services.resolve_flag(flag=flag, by=moderator(), upheld=False)
        assert not ReputationEvent.objects.filter(reason=rules.FLAG_UPHELD).exists()

    def test_review_queue_page_lists_flags_for_moderators_only(self, client):
        question = ask(title="Koop goedkope horloges hier")
        services.raise_flag(post=question, by=member_with(15), reason="spam")
        shopper = UserFactory()
        client.login(username=shopper.username, password=PASSWORD)
        assert client.get("/nl/vragen/beoordelen/").status_code == 403
        client.login(username=moderator().username, password=PASSWORD)
        assert "Koop goedkope horloges" in client.get("/nl/vragen/beoordelen/").content.decode()


class TestModeratorActions:
    def test_close_and_reopen_need_a_moderator_and_are_logged(self):
        question, mod = ask(), moderator()
        with pytest.raises(PermissionDenied):
            services.close_question(question=question, by=UserFactory(), reason="off_topic")
        services.close_question(question=question, by=mod, reason="off_topic", note="geen vraag")
        services.reopen_question(question=question, by=mod, why="toch relevant")
        assert list(ModerationAction.objects.values_list("action", "reason")) == [
            ("reopen", "toch relevant"),
            ("close", "geen vraag"),
        ]

    def test_duplicate_with_merge_moves_answers_to_the_original(self):
        original, copy = (
            ask(title="Waar blijft mijn pakket?"),
            ask(title="Pakket nog niet ontvangen"),
        )
        answer(original)
        moved = answer(copy)
        services.mark_duplicate(
            question=copy, original=original, by=moderator(), merge_answers=True
        )
        copy.refresh_from_db()
        original.refresh_from_db()
        moved.refresh_from_db()
        assert copy.duplicate_of == original and copy.is_closed and copy.answer_count == 0
        assert moved.question == original and original.answer_count == 2

    def test_soft_delete_hides_and_undelete_restores(self, client):
        question, mod = ask(), moderator()
        services.delete_post(post=question, by=mod, why="dubbel geplaatst")
        assert client.get(question.get_absolute_url()).status_code == 404
        services.undelete_post(post=question, by=mod, why="vergissing")
        assert client.get(question.get_absolute_url()).status_code == 200

    def test_pin_puts_a_question_on_top_of_the_list(self, client):
        pinned = ask(title="Lees dit eerst: zo stel je een goede vraag")
        Question.objects.filter(pk=pinned.pk).update(created_at=timezone.now() - timedelta(days=9))
        ask(title="Een nieuwere vraag over de levering", author=moderator())
        services.set_flag_field(question=pinned, by=moderator(), field="is_pinned", value=True)
        text = client.get("/nl/vragen/").content.decode()
        assert text.index("Lees dit eerst") < text.index("Een nieuwere vraag")

    def test_suspended_member_cannot_post_until_the_period_ends(self):
        member, mod = UserFactory(), moderator()
        services.suspend_member(member=member, by=mod, days=7, why="herhaaldelijk onbeleefd")
        with pytest.raises(PermissionDenied, match="suspended until"):
            ask(author=fresh(member))
        services.suspend_member(member=member, by=mod, days=0, why="opgeheven")
        assert ask(author=fresh(member)).pk
        assert ModerationAction.objects.filter(member=member).count() == 2

    def test_suspension_needs_a_reason(self):
        with pytest.raises(ValidationError, match="Say why"):
            services.suspend_member(member=UserFactory(), by=moderator(), days=3, why=" ")
