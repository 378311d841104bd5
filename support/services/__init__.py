"""Every write the support desk causes, by subdomain. Each function is keyword-only, checks
permission itself, runs in one transaction and records a TicketEvent for every change."""

from .escalation import escalate_feedback, escalate_unanswered_questions, post_as_answer
from .knowledge import make_article_draft, make_faq_draft
from .surveys import answer_survey, invite_after_resolve
from .tickets import (
    add_note,
    assign,
    change_status,
    create_ticket,
    reply,
    resolve,
    set_priority,
    shopper_reply,
)

__all__ = [
    "add_note", "answer_survey", "assign", "change_status", "create_ticket", "escalate_feedback",
    "escalate_unanswered_questions", "invite_after_resolve", "make_article_draft",
    "make_faq_draft", "post_as_answer", "reply", "resolve", "set_priority", "shopper_reply",
]
