"""support's data: topics, tickets with their conversation and history, canned replies,
surveys, ask-back messages and the desk's settings. Workflows live in `support.services`."""

from .asking import AskBack, DeflectionAddress
from .settings import SupportSettings
from .surveys import SurveyInvitation
from .tickets import (
    CannedReply,
    Priority,
    Source,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketMessage,
)
from .topics import Topic

__all__ = [
    "AskBack", "CannedReply", "DeflectionAddress", "Priority", "Source", "Status",
    "SupportSettings", "SurveyInvitation",
    "Ticket", "TicketAttachment", "TicketEvent", "TicketMessage", "Topic",
]
