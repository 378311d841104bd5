"""No question escapes: an unanswered community question becomes one ticket however often
the job runs; negative article feedback with a comment becomes one low-priority ticket; a
staff reply can go back to the community as the verified answer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Question
from kb.models import PageFeedback
from support import services, tasks
from support.models import Priority, Source, Ticket
from tests.community.factories import answer, ask
from tests.kb import factories as kb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_first_post_review(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


def _older(question, hours):
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(hours=hours))


def test_an_unanswered_question_escalates_once_however_often_the_job_runs():
    question = ask(title="Waar blijft mijn retourgeld?")
    _older(question, 25)
    assert tasks.escalate_questions() == 1
    assert tasks.escalate_questions() == 0
    made = Ticket.objects.get()
    assert (made.source, made.question, made.requester) == (
        Source.ESCALATED, question, question.author)
    assert made.trail["question_url"] == question.get_absolute_url()


def test_a_young_or_answered_question_does_not_escalate():
    young = ask(title="Net gevraagd")
    _older(young, 2)
    answered = ask(title="Al beantwoord")
    answer(answered)
    _older(answered, 48)
    assert tasks.escalate_questions() == 0


def test_the_time_comes_from_the_desk_settings(home_pages):
    from wagtail.models import Site

    from support.models import SupportSettings

    desk = SupportSettings.for_site(Site.objects.get(is_default_site=True))
    desk.escalate_after_hours = 2
    desk.save()
    _older(ask(title="Na drie uur"), 3)
    assert tasks.escalate_questions() == 1


def test_the_admin_links_to_the_question(client, agent):
    question = ask(title="Kapotte lader")
    _older(question, 30)
    tasks.escalate_questions()
    client.force_login(agent)
    text = client.get(f"/admin/support/{Ticket.objects.get().pk}/").content.decode()
    assert question.get_absolute_url() in text
    assert "Plaats als geverifieerd antwoord" not in text  # only under a staff reply


def test_a_staff_reply_becomes_the_verified_answer(agent, client):
    question = ask(title="Kan ik mijn bestelling nog wijzigen?")
    _older(question, 30)
    tasks.escalate_questions()
    made = Ticket.objects.get()
    reply = services.reply(ticket=made, by=agent, body="Ja, binnen een uur na bestellen via "
                                                        "Mijn account.")
    client.force_login(agent)
    client.post(f"/admin/support/{made.pk}/", {"action": "answer", "message": reply.pk})
    posted = question.answers.get()
    assert posted.is_verified and posted.author == agent
    assert posted.body.startswith("Ja, binnen een uur")
    assert made.events.filter(kind="answer").exists()


def test_negative_feedback_with_a_comment_becomes_one_low_priority_ticket(home_pages, agent):
    page = kb.article(kb.category(), title="Retour aanmelden", owner=agent)
    PageFeedback.objects.create(page=page, visitor_key="a", helpful=False, reason="incomplete",
                                comment="Nee, want ik zie geen retourknop.")
    PageFeedback.objects.create(page=page, visitor_key="b", helpful=False, comment="")
    PageFeedback.objects.create(page=page, visitor_key="c", helpful=True)
    assert tasks.escalate_feedback() == 1
    assert tasks.escalate_feedback() == 0
    made = Ticket.objects.get()
    assert (made.source, made.priority, made.assignee) == (Source.FEEDBACK, Priority.LOW, agent)
    assert made.messages.get().body == "Nee, want ik zie geen retourknop."


def test_the_schedule_lists_plain_jobs():
    names = [name for name, every, func in tasks.SCHEDULE]
    assert "support.escalate_questions" in names and "support.escalate_feedback" in names
    assert all(callable(func) and every > 0 for _name, every, func in tasks.SCHEDULE)
