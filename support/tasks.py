"""The desk's scheduled jobs (run by `manage.py run_scheduler`, see vraagbaak/): plain,
idempotent functions without arguments. SCHEDULE = [(name, every_seconds, func)]."""

from .models import SupportSettings
from .services import asking, escalation


def escalate_questions() -> int:
    """Unanswered community questions past the configured time become tickets (once)."""
    hours = SupportSettings.current().escalate_after_hours
    return len(escalation.escalate_unanswered_questions(after_hours=hours))


def escalate_feedback() -> int:
    """Negative article feedback with a comment becomes a low-priority ticket (once)."""
    return len(escalation.escalate_feedback())


def send_ask_backs() -> int:
    """"Heeft dit je geholpen?" after first answers and contact-form deflections."""
    return asking.send_due()


SCHEDULE = [
    ("support.escalate_questions", 15 * 60, escalate_questions),
    ("support.escalate_feedback", 15 * 60, escalate_feedback),
    ("support.ask_back", 30 * 60, send_ask_backs),
]
