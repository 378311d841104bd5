"""The review queue works: decisions have the effect their message names, flags on one post
are one card with the content and the author's context, trusted members' flags hide a post
until a moderator decides, and moderators find the queue (with its size) and the log."""

import pytest
from django.core.exceptions import PermissionDenied

from community import selectors, services
from community.models import Flag, ModerationAction, Notification
from tests.factories import PASSWORD, UserFactory

from .factories import answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db


def flagged_answer(reason="spam", flaggers=2):
    reply = answer(ask(), body="Koop goedkope horloges op horloges punt example, 80% korting!")
    for _ in range(flaggers):
        services.raise_flag(post=reply, by=member_with(15), reason=reason)
    return reply


class TestDecisions:
    def test_upholding_a_spam_flag_hides_the_post_from_everyone(self, client):
        reply = flagged_answer()
        url = reply.question.get_absolute_url()
        assert "horloges" in client.get(url).content.decode()
        services.decide_flags(post=reply, by=moderator(), decision="hide", why="reclame")
        reply.refresh_from_db()
        assert reply.visibility == "deleted"
        assert set(Flag.objects.values_list("state", flat=True)) == {"upheld"}
        assert "horloges" not in client.get(url).content.decode()
        assert ModerationAction.objects.get().action_label == "meldingen terecht, bericht verborgen"

    def test_resolve_flag_upheld_hides_the_post_too(self):
        reply = flagged_answer(flaggers=1)
        services.resolve_flag(flag=Flag.objects.get(), by=moderator(), upheld=True)
        reply.refresh_from_db()
        assert reply.visibility == "deleted"

    def test_warning_keeps_the_post_and_tells_the_author(self):
        reply = flagged_answer(reason="rude", flaggers=1)
        services.decide_flags(post=reply, by=moderator(), decision="warn", why="Blijf vriendelijk")
        reply.refresh_from_db()
        assert reply.visibility == "published"
        note = Notification.objects.filter(recipient=reply.author).latest("pk")
        assert "Blijf vriendelijk" in note.text

    def test_dismissing_resolves_every_flag_on_the_post(self):
        reply = flagged_answer(flaggers=3)
        assert services.decide_flags(post=reply, by=moderator(), decision="dismiss") == 3
        assert set(Flag.objects.values_list("state", flat=True)) == {"dismissed"}

    def test_only_moderators_decide(self):
        with pytest.raises(PermissionDenied):
            services.decide_flags(post=flagged_answer(), by=UserFactory(), decision="hide")


class TestTrustedFlags:
    def test_enough_trusted_flags_hide_the_post_until_reviewed(self, settings, client):
        settings.COMMUNITY_FLAGS_TO_HIDE = 2
        reply = answer(ask(), body="Bestel bij de concurrent, daar is het goedkoper.")
        services.raise_flag(post=reply, by=member_with(1000), reason="spam")
        reply.refresh_from_db()
        assert reply.visibility == "published"
        services.raise_flag(post=reply, by=member_with(1000), reason="spam")
        reply.refresh_from_db()
        assert reply.visibility == "pending"
        assert "concurrent" not in client.get(reply.question.get_absolute_url()).content.decode()
        services.decide_flags(post=reply, by=moderator(), decision="dismiss")
        reply.refresh_from_db()
        assert reply.visibility == "published"

    def test_flags_from_new_members_do_not_hide(self, settings):
        settings.COMMUNITY_FLAGS_TO_HIDE = 2
        reply = flagged_answer(flaggers=3)
        reply.refresh_from_db()
        assert reply.visibility == "published"


class TestQueuePage:
    def test_two_flags_on_one_post_are_one_card_with_content_and_author(self, client):
        reply = flagged_answer(flaggers=2)
        mod = moderator()
        client.login(username=mod.username, password=PASSWORD)
        html = client.get("/nl/vragen/beoordelen/").content.decode()
        assert html.count('class="card review-card"') == 1
        assert "horloges punt example" in html  # the content inline
        assert "2 meldingen" in html
        assert "Lid sinds" in html and "Eerder terechte meldingen" in html
        assert reply.author.public_name in html

    def test_queue_costs_a_fixed_number_of_queries(self, django_assert_max_num_queries):
        for _ in range(4):
            flagged_answer(flaggers=2)
        with django_assert_max_num_queries(8):
            queue = selectors.review_queue()
            [card.author_facts for card in queue["flagged"]]
        assert len(queue["flagged"]) == 4

    def test_the_form_decision_hides_the_post(self, client):
        reply = flagged_answer()
        mod = moderator()
        client.login(username=mod.username, password=PASSWORD)
        response = client.post(
            "/nl/vragen/beoordelen/",
            {"kind": "answer", "post": reply.pk, "decision": "hide", "why": "spam"},
            follow=True,
        )
        assert "Het bericht is verborgen" in response.content.decode()
        reply.refresh_from_db()
        assert reply.visibility == "deleted"

    def test_moderators_see_the_queue_size_in_the_menu_and_a_flagged_marker(self, client):
        reply = flagged_answer()
        mod = moderator()
        client.login(username=mod.username, password=PASSWORD)
        html = client.get(reply.question.get_absolute_url()).content.decode()
        assert "Beoordelen (1)" in html
        assert "gemeld (2)" in html
        shopper = UserFactory()
        client.login(username=shopper.username, password=PASSWORD)
        html = client.get(reply.question.get_absolute_url()).content.decode()
        assert "Beoordelen (" not in html and "gemeld (" not in html

    def test_admin_menu_shows_the_queue_size(self, client):
        flagged_answer()
        admin = UserFactory(is_staff=True, is_superuser=True)
        client.login(username=admin.username, password=PASSWORD)
        assert "Beoordelen (1)" in client.get("/admin/").content.decode()


class TestLog:
    def test_the_log_is_in_dutch_filterable_and_paged(self, client):
        mod = moderator()
        for _ in range(3):
            services.close_question(question=ask(), by=mod, reason="off_topic")
        services.decide_flags(post=flagged_answer(), by=mod, decision="hide")
        client.login(username=mod.username, password=PASSWORD)
        html = client.get("/nl/vragen/moderatielogboek/").content.decode()
        assert "gesloten" in html.lower() and ">close<" not in html
        filtered = client.get("/nl/vragen/moderatielogboek/?action=close").content.decode()
        assert "verborgen" not in filtered.split("<tbody>")[1]

    def test_admin_flag_list_shows_the_real_state_with_dutch_headers(self, client):
        reply = flagged_answer(flaggers=1)
        services.decide_flags(post=reply, by=moderator(), decision="hide")
        admin = UserFactory(is_staff=True, is_superuser=True)
        client.login(username=admin.username, password=PASSWORD)
        html = client.get("/admin/community/flags/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        assert "Gemeld door" in html and "terecht" in html.lower()
