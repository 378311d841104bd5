"""CSAT after every resolved ticket; NPS at most once per 90 days per person."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import links
from ..models import SurveyInvitation, Ticket, TicketEvent

NPS_EVERY = timedelta(days=90)


def nps_due(*, user=None, email: str = "", now=None) -> bool:
    """True unless this person got an NPS invitation in the last 90 days."""
    now = now or timezone.now()
    person = Q(user=user) if user is not None else Q(email__iexact=email)
    return not SurveyInvitation.objects.filter(
        person, kind=SurveyInvitation.Kind.NPS, sent_at__gte=now - NPS_EVERY
    ).exists()


@transaction.atomic
def invite_after_resolve(*, ticket: Ticket) -> list[SurveyInvitation]:
    """Invite the shopper of a resolved ticket to CSAT (once per ticket) and NPS (once per
    90 days), in one e-mail in the ticket's language. Safe to call again: nothing new is sent."""
    ticket = Ticket.objects.select_related("requester", "topic", "assignee").get(pk=ticket.pk)
    if not ticket.email:
        return []
    common = {"user": ticket.requester, "email": ticket.email, "language": ticket.language,
              "topic": ticket.topic, "agent": ticket.assignee}
    csat, created = SurveyInvitation.objects.get_or_create(
        ticket=ticket, kind=SurveyInvitation.Kind.CSAT, defaults=common
    )
    if not created:
        return []
    invitations = [csat]
    if nps_due(user=ticket.requester, email=ticket.email):
        invitations.append(SurveyInvitation.objects.create(
            ticket=ticket, kind=SurveyInvitation.Kind.NPS, **common))
    TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.SURVEY,
                               data={"sent": [i.kind for i in invitations]})
    transaction.on_commit(lambda: _send(ticket, invitations))
    return invitations


def _send(ticket: Ticket, invitations: list[SurveyInvitation]) -> None:
    with translation.override(ticket.language):
        context = {"ticket": ticket,
                   "surveys": [(i, links.survey_url(i)) for i in invitations]}
        subject = render_to_string("support/email/survey_subject.txt", context)
        body = render_to_string("support/email/survey.txt", context)
    send_mail(" ".join(subject.split()), body, None, [ticket.email])


@transaction.atomic
def answer_survey(*, invitation: SurveyInvitation, score: int, comment: str = "") -> None:
    """Store the one answer an invitation allows; a second answer is refused."""
    if not invitation.min_score <= score <= invitation.max_score:
        raise ValidationError(_("Choose a score from %(min)d to %(max)d.")
                              % {"min": invitation.min_score, "max": invitation.max_score})
    updated = SurveyInvitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(
        score=score, comment=(comment or "").strip()[:2000], answered_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This survey was already answered. Thank you!"))
    if invitation.ticket_id:
        TicketEvent.objects.create(ticket_id=invitation.ticket_id, kind=TicketEvent.Kind.SURVEY,
                                   data={"answered": invitation.kind, "score": score})
