"""The demo desk: tickets in every state and from every source, some breaching the target,
an escalated question and answered surveys; seeding twice changes nothing."""

import pytest
from django.core.management import call_command

from support.models import Source, Status, SurveyInvitation, Ticket
from support.roles import is_support_staff
from support.selectors import queue
from support.sla import Promise

pytestmark = pytest.mark.django_db


def test_the_demo_desk_is_complete_and_idempotent(capsys):
    call_command("seed_demo")
    count = Ticket.objects.count()
    call_command("seed_demo")
    assert Ticket.objects.count() == count
    out = capsys.readouterr().out
    assert "support@vraagbaak.example" in out and "vraagbaak-support" in out
    assert set(Ticket.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Ticket.objects.values_list("source", flat=True)) == set(Source.values)
    assert Ticket.objects.filter(source=Source.PRIVATE).count() >= 3
    assert Ticket.objects.filter(source=Source.ESCALATED, question__isnull=False).exists()
    assert SurveyInvitation.objects.filter(answered_at__isnull=False).count() >= 2
    rows = queue(promise=Promise(hours=8), filters={})
    assert rows[0]["sla"].breached
    from community.models import User

    assert is_support_staff(User.objects.get(username="support"))


def test_the_demo_has_a_draft_posted_in_public_with_its_personal_data_masked():
    from community.models import Question

    call_command("seed_demo")
    question = Question.objects.get(title="Bestelling ******88 kwam zonder oplader")
    assert "** **** **21" in question.body and "8765" not in question.body
    private = Ticket.objects.get(form_token="demo:private:fatima")
    assert "NL91 ABNA 0417 1643 00" in private.messages.get().body  # only customer service
