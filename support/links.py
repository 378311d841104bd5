"""Signed links for people without an account: replying to a ticket and answering a survey.

The token carries the row's id and a value only we know (the ticket reference, the survey
nonce), is signed with SECRET_KEY under its own salt and expires (SUPPORT_LINK_MAX_AGE_DAYS).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .conf import link_max_age_seconds

TICKET_SALT = "support.ticket-link"
SURVEY_SALT = "support.survey-link"
ASKBACK_SALT = "support.ask-back"


class BadLink(Exception):
    """The link was altered, belongs to nothing, or expired (`expired` tells which)."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _dumps(value, salt: str) -> str:
    return signing.dumps(value, salt=salt, compress=True)


def _loads(token: str, salt: str, max_age: int | None = None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age or link_max_age_seconds())
    except signing.SignatureExpired as exc:
        raise BadLink(expired=True) from exc
    except signing.BadSignature as exc:
        raise BadLink() from exc


def ticket_path(ticket) -> str:
    token = _dumps({"t": ticket.pk, "r": ticket.reference}, TICKET_SALT)
    with translation.override(ticket.language):
        return reverse("support:ticket_link", kwargs={"token": token})


def ticket_url(ticket) -> str:
    return absolute(ticket_path(ticket))


def ticket_from_token(token: str):
    from .models import Ticket

    data = _loads(token, TICKET_SALT)
    ticket = Ticket.objects.filter(pk=data.get("t"), reference=data.get("r")).first()
    if ticket is None:
        raise BadLink()
    return ticket


def survey_url(invitation) -> str:
    token = _dumps({"i": invitation.pk, "n": invitation.nonce}, SURVEY_SALT)
    with translation.override(invitation.language):
        return absolute(reverse("support:survey", kwargs={"token": token}))


def survey_from_token(token: str):
    from .models import SurveyInvitation

    data = _loads(token, SURVEY_SALT)
    invitation = SurveyInvitation.objects.filter(pk=data.get("i"), nonce=data.get("n")).first()
    if invitation is None:
        raise BadLink()
    return invitation


def askback_path(askback, solved: bool | None = None) -> str:
    """The one-click answer ("ja" when `solved`, "nee" when not), or with `solved=None` the
    page that offers both (the inbox line points there)."""
    value = {"a": askback.pk} if solved is None else {"a": askback.pk, "s": int(solved)}
    with translation.override(askback.language):
        return reverse("support:ask_back", kwargs={"token": _dumps(value, ASKBACK_SALT)})


def askback_url(askback, solved: bool | None = None) -> str:
    return absolute(askback_path(askback, solved))


def askback_from_token(token: str):
    """(askback, solved) where solved is True, False or None (the choice page)."""
    from .models import AskBack

    data = _loads(token, ASKBACK_SALT)
    askback = AskBack.objects.filter(pk=data.get("a")).first()
    if askback is None:
        raise BadLink()
    return askback, None if "s" not in data else bool(data["s"])
