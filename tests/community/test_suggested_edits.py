"""Suggested edits: members with the "edit others (reviewed)" privilege propose, reviewers
approve, improve or reject; approval goes through the edit path and earns +2 once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from community import services
from community.models import ModerationAction, Notification, Revision, SuggestedEdit
from community.services import edits
from gamification import rules
from gamification.models import ReputationEvent
from gamification.selectors import reputation_of
from tests.factories import PASSWORD, UserFactory

from .factories import ANSWER, BODY, answer, ask, member_with, moderator

pytestmark = pytest.mark.django_db

BETTER = ANSWER + " Bewaar je track-and-trace-code tot het pakket binnen is."


def nl(name, **kwargs):
    with translation.override("nl"):
        return reverse(name, kwargs=kwargs)


def fresh(user):
    user.__dict__.pop("_gamification_reputation", None)
    return reputation_of(user)


def suggester():
    return member_with(500)


def reviewer():
    return member_with(2000)


class TestSuggesting:
    def test_member_at_the_reviewed_level_suggests_instead_of_editing(self):
        reply = answer(ask())
        suggestion = services.suggest_edit(post=reply, by=suggester(), body=BETTER, summary="tip")
        reply.refresh_from_db()
        assert suggestion.state == SuggestedEdit.State.PENDING
        assert reply.body == ANSWER  # unchanged until reviewed
        assert suggestion.base_body == ANSWER and suggestion.body == BETTER

    def test_direct_edits_of_others_posts_need_the_higher_level(self):
        reply = answer(ask())
        with pytest.raises(PermissionDenied, match="2000"):
            services.edit_post(post=reply, by=suggester(), body=BETTER)
        services.edit_post(post=reply, by=reviewer(), body=BETTER)
        assert reply.revisions.count() == 2

    def test_below_the_reviewed_level_nobody_suggests(self):
        reply = answer(ask())
        with pytest.raises(PermissionDenied, match="500"):
            services.suggest_edit(post=reply, by=member_with(499), body=BETTER)

    def test_one_pending_suggestion_per_post_per_member(self, english):
        reply, member = answer(ask()), suggester()
        services.suggest_edit(post=reply, by=member, body=BETTER)
        with pytest.raises(ValidationError, match="already suggested an edit"):
            services.suggest_edit(post=reply, by=member, body=BETTER + " En nog iets.")
        services.suggest_edit(post=reply, by=suggester(), body=BETTER + " Ander lid.")
        assert SuggestedEdit.objects.count() == 2

    def test_daily_cap_has_a_friendly_message(self, settings, english):
        settings.COMMUNITY_SUGGESTED_EDITS_PER_DAY = 2
        member, question = suggester(), ask()
        for n in range(2):
            services.suggest_edit(post=answer(question), by=member, body=f"{BETTER} ({n})")
        with pytest.raises(ValidationError, match="2 edits a day"):
            services.suggest_edit(post=answer(question), by=member, body=BETTER)

    def test_a_suggestion_must_change_something(self, english):
        reply = answer(ask())
        with pytest.raises(ValidationError, match="doesn't change anything"):
            services.suggest_edit(post=reply, by=suggester(), body=ANSWER)

    def test_your_own_post_is_edited_directly(self, english):
        reply = answer(ask(), author=suggester())
        with pytest.raises(ValidationError, match="your own post"):
            services.suggest_edit(post=reply, by=reply.author, body=BETTER)


class TestReviewing:
    def test_approval_applies_the_edit_as_the_suggesters_revision_and_pays_two_once(self):
        reply, member, checker = answer(ask()), suggester(), reviewer()
        before = fresh(member)
        suggestion = services.suggest_edit(post=reply, by=member, body=BETTER, summary="tip")
        services.approve_edit(suggestion=suggestion, by=checker)
        reply.refresh_from_db()
        assert reply.body == BETTER
        latest = Revision.objects.filter(answer=reply).last()
        assert (latest.number, latest.author, latest.summary) == (2, member, "tip")
        assert fresh(member) == before + 2
        event = ReputationEvent.objects.get(reason=rules.SUGGESTED_EDIT_APPROVED)
        assert (event.user, event.actor, event.points) == (member, checker, 2)
        with pytest.raises(ValidationError):
            services.approve_edit(suggestion=suggestion, by=reviewer())
        assert fresh(member) == before + 2
        assert ModerationAction.objects.filter(action="approve edit").count() == 1
        assert member.notifications.filter(kind=Notification.Kind.EDIT_REVIEWED).count() == 1

    def test_the_credit_can_be_reverted_through_the_ledger(self):
        member = suggester()
        before = fresh(member)
        suggestion = services.suggest_edit(post=answer(ask()), by=member, body=BETTER)
        services.approve_edit(suggestion=suggestion, by=reviewer())
        assert edits.revert_credit(suggestion=suggestion, by=moderator(), why="vandalisme") == 1
        assert fresh(member) == before
        call_command("verify_reputation", "--check")

    def test_improving_saves_the_suggestion_and_the_reviewers_version_on_top(self):
        question, member, checker = ask(), suggester(), reviewer()
        suggestion = services.suggest_edit(
            post=question, by=member, title="Waar blijft mijn pakket toch?", body=BODY + " Hulp!",
            tags=["levering", "postnl"],
        )
        services.approve_edit(
            suggestion=suggestion, by=checker, title="Waar blijft mijn pakket van PostNL?",
            body=BODY + " Graag hulp.", tags=["levering", "postnl"],
        )
        question.refresh_from_db()
        assert question.title == "Waar blijft mijn pakket van PostNL?"
        assert sorted(question.tags.names()) == ["levering", "postnl"]
        authors = list(question.revisions.values_list("author_id", flat=True))
        assert authors == [question.author_id, member.pk, checker.pk]
        suggestion.refresh_from_db()
        assert suggestion.improved and suggestion.state == SuggestedEdit.State.APPROVED

    def test_rejection_needs_a_reason_and_tells_the_suggester(self, english):
        reply, member = answer(ask()), suggester()
        suggestion = services.suggest_edit(post=reply, by=member, body=BETTER)
        with pytest.raises(ValidationError, match="Say why"):
            services.reject_edit(suggestion=suggestion, by=reviewer(), reason=" ")
        services.reject_edit(suggestion=suggestion, by=reviewer(), reason="Verandert de betekenis")
        suggestion.refresh_from_db()
        reply.refresh_from_db()
        assert suggestion.state == SuggestedEdit.State.REJECTED and reply.body == ANSWER
        assert suggestion.review_reason == "Verandert de betekenis"
        assert not ReputationEvent.objects.filter(reason=rules.SUGGESTED_EDIT_APPROVED).exists()
        assert member.notifications.filter(kind=Notification.Kind.EDIT_REVIEWED).exists()

    def test_only_reviewers_decide_and_never_on_their_own_suggestion(self):
        reply = answer(ask())
        suggestion = services.suggest_edit(post=reply, by=suggester(), body=BETTER)
        with pytest.raises(PermissionDenied):
            services.approve_edit(suggestion=suggestion, by=suggester())
        mod = moderator()
        own = services.suggest_edit(post=answer(ask()), by=member_with(600), body=BETTER)
        services.approve_edit(suggestion=suggestion, by=mod)  # moderators review too
        with pytest.raises(PermissionDenied):
            services.approve_edit(suggestion=own, by=own.author)

    def test_a_post_edited_since_can_only_be_improved(self, english):
        reply = answer(ask())
        suggestion = services.suggest_edit(post=reply, by=suggester(), body=BETTER)
        services.edit_post(post=reply, by=reply.author, body=ANSWER + " Aangevuld door mij.")
        with pytest.raises(ValidationError, match="improve it or reject it"):
            services.approve_edit(suggestion=suggestion, by=reviewer())
        services.approve_edit(suggestion=suggestion, by=reviewer(), body=BETTER + " Samen.")
        reply.refresh_from_db()
        assert reply.body == BETTER + " Samen."


class TestPages:
    def test_edit_form_of_a_suggester_stores_a_suggestion(self, client):
        reply, member = answer(ask()), suggester()
        client.login(username=member.username, password=PASSWORD)
        url = nl("community:edit_answer", pk=reply.pk)
        page = client.get(url).content.decode()
        assert "Bewerking voorstellen" in page
        response = client.post(url, {"body": BETTER, "summary": "tip"}, follow=True)
        assert "wacht op controle" in response.content.decode()
        assert SuggestedEdit.objects.get().body == BETTER

    def test_queue_shows_an_escaped_diff_and_approves(self, client):
        reply = answer(ask())
        services.suggest_edit(post=reply, by=suggester(), body=ANSWER + " <script>x</script>")
        checker = reviewer()
        client.login(username=checker.username, password=PASSWORD)
        html = client.get(nl("community:suggested_edits")).content.decode()
        assert "<ins>" in html and "&lt;script&gt;" in html and "<script>x" not in html
        assert "style=" not in html.split("<main", 1)[-1]
        assert "Voorgestelde bewerkingen (1)" in html  # the reviewers' menu entry
        suggestion = SuggestedEdit.objects.get()
        client.post(nl("community:suggested_edits"),
                    {"suggestion": suggestion.pk, "decision": "approve"})
        suggestion.refresh_from_db()
        assert suggestion.state == SuggestedEdit.State.APPROVED

    def test_queue_is_for_reviewers_only(self, client):
        member = suggester()
        client.login(username=member.username, password=PASSWORD)
        assert client.get(nl("community:suggested_edits")).status_code == 403

    def test_suggester_reads_the_outcome_others_get_404(self, client):
        member = suggester()
        suggestion = services.suggest_edit(post=answer(ask()), by=member, body=BETTER)
        services.reject_edit(suggestion=suggestion, by=reviewer(), reason="Niet nodig")
        client.login(username=member.username, password=PASSWORD)
        html = client.get(nl("community:suggested_edit", pk=suggestion.pk)).content.decode()
        assert "Afgewezen" in html and "Niet nodig" in html
        client.login(username=UserFactory().username, password=PASSWORD)
        assert client.get(nl("community:suggested_edit", pk=suggestion.pk)).status_code == 404

    def test_improve_form_is_filled_with_the_suggestion(self, client):
        suggestion = services.suggest_edit(post=answer(ask()), by=suggester(), body=BETTER)
        checker = reviewer()
        client.login(username=checker.username, password=PASSWORD)
        url = nl("community:improve_edit", pk=suggestion.pk)
        assert "Bewaar je track-and-trace-code" in client.get(url).content.decode()
        client.post(url, {"body": BETTER + " Verbeterd.", "summary": ""})
        suggestion.refresh_from_db()
        assert suggestion.improved and suggestion.answer.body == BETTER + " Verbeterd."
