"""No question escapes: unanswered community questions and negative article feedback with a
comment become tickets, once each; a staff reply can go back as the verified answer."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from community import services as community
from community.models import Answer, PostStatus, Question
from kb.models import PageFeedback

from ..models import Priority, Source, Ticket, TicketEvent, TicketMessage
from ..roles import is_support_staff
from .tickets import create_ticket, require_staff


def escalate_unanswered_questions(*, after_hours: int, now=None) -> list[Ticket]:
    """Every visible, open community question older than `after_hours` without a published
    answer becomes one ticket (source "escalated question", linked to the question). Running
    it again makes no second ticket: one escalation per question is a database constraint."""
    now = now or timezone.now()
    published = Answer.objects.filter(question=OuterRef("pk"), visibility=PostStatus.PUBLISHED)
    escalated = Ticket.objects.filter(question=OuterRef("pk"), source=Source.ESCALATED)
    due = (
        Question.objects.filter(visibility=PostStatus.PUBLISHED, status=Question.Status.OPEN,
                                created_at__lte=now - timedelta(hours=after_hours))
        .exclude(Exists(published)).exclude(Exists(escalated)).select_related("author")
    )
    made = []
    for question in due:
        with transaction.atomic():
            made.append(create_ticket(
                subject=question.title, body=question.body or question.title,
                language=question.locale, source=Source.ESCALATED, requester=question.author,
                question=question, form_token=f"escalated:{question.pk}",
                trail={"question_url": question.get_absolute_url()},
            ))
    return made


def escalate_feedback(*, now=None) -> list[Ticket]:
    """Each "no, because …" on an article with a comment becomes one low-priority ticket for
    the article's owner (assigned to them when they work the desk)."""
    taken = Ticket.objects.filter(feedback=OuterRef("pk"))
    rows = (PageFeedback.objects.filter(helpful=False).exclude(comment="")
            .exclude(Exists(taken)).select_related("page", "page__owner", "page__locale"))
    made = []
    for feedback in rows:
        page = feedback.page
        with transaction.atomic():
            ticket = create_ticket(
                subject=page.title, body=feedback.comment, language=page.locale.language_code,
                source=Source.FEEDBACK, priority=Priority.LOW, feedback=feedback,
                form_token=f"feedback:{feedback.pk}",
                trail={"page_url": page.url or "", "reason": feedback.reason,
                       "entry": feedback.entry, "owner": str(page.owner or "")},
            )
            if page.owner and is_support_staff(page.owner) and ticket.assignee_id is None:
                Ticket.objects.filter(pk=ticket.pk).update(assignee=page.owner)
            made.append(ticket)
    return made


@transaction.atomic
def post_as_answer(*, message: TicketMessage, by) -> Answer:
    """Post a staff reply on an escalated ticket as the question's answer and verify it, through
    community's own services (their privilege and moderator checks apply)."""
    require_staff(by)
    ticket = message.ticket
    if ticket.question_id is None or message.kind != TicketMessage.Kind.REPLY:
        raise ValidationError(_("Only a staff reply on a ticket about a community question "
                                "can become its answer."))
    answer = community.post_answer(author=by, question=ticket.question, body=message.body)
    community.verify_answer(answer=answer, by=by)
    TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.ANSWER, actor=by,
                               data={"answer": answer.pk})
    return answer

