"""Turning a resolved ticket into help-centre content: a KB draft in the editors' workflow
(like community's answer promotion), through kb.services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from kb import services as kb_services

from ..models import Status, Ticket, TicketEvent, TicketMessage
from .tickets import require_staff


def _draft_body(ticket: Ticket) -> str:
    messages = list(ticket.messages.exclude(kind=TicketMessage.Kind.NOTE))
    question = next((m for m in messages if m.kind == TicketMessage.Kind.SHOPPER), None)
    answer = next((m for m in reversed(messages) if m.kind == TicketMessage.Kind.REPLY), None)
    if answer is None:
        raise ValidationError(_("Reply to the ticket first: the reply becomes the article."))
    parts = [f"<h2>{escape(_('Question'))}</h2>", linebreaks(question.body if question else "")]
    parts += [f"<h2>{escape(_('Answer'))}</h2>", linebreaks(answer.body)]
    return "".join(parts)


@transaction.atomic
def make_article_draft(*, ticket: Ticket, by, category, title: str = ""):
    """"Maak er een helpcentrum-artikel van": an unpublished ArticlePage in `category` with the
    shopper's question and the desk's answer (names and addresses are left out: only the
    message texts are used, and editors review the draft in the workflow before it goes live)."""
    require_staff(by)
    if ticket.status != Status.RESOLVED:
        raise ValidationError(_("Resolve the ticket first."))
    article = kb_services.create_article_draft(
        title=title or ticket.subject, body_html=_draft_body(ticket), category=category,
        locale_code=ticket.language, credit=_("Customer service"), source_url="", by=by,
    )
    Ticket.objects.filter(pk=ticket.pk).update(kb_draft=article)
    TicketEvent.objects.create(ticket=ticket, kind=TicketEvent.Kind.DRAFT, actor=by,
                               data={"page": article.pk, "kind": "article"})
    return article


def make_faq_draft(*, ticket: Ticket, by, category, title: str = ""):
    """"Voeg toe aan FAQ": the same draft article, titled as the question, for editors to move
    into an FAQ page (a draft article, not a revision of a live FAQ page, so nothing changes on
    the site until an editor publishes)."""
    return make_article_draft(ticket=ticket, by=by, category=category,
                              title=title or _("FAQ: %(subject)s") % {"subject": ticket.subject})
