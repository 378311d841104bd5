"""A member's own data (AVG/GDPR): everything we hold about them as JSON, and erasure.

Apps higher up the DAG add their part by registration in their `apps.ready()`:

    community.privacy.register_export(provider)   # provider(user, request) -> (name, data)
    community.privacy.register_erasure(provider)  # provider(user, request) -> None

Erasure keeps what others wrote and the reputation ledger intact: the account row stays (so
answers, votes and ledger events keep their author and every total stays equal to its ledger),
but everything that identifies the member is removed, the login is disabled, and posts show
"voormalig lid" (former member).
"""

from collections.abc import Callable
from uuid import uuid4

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Answer,
    Comment,
    Flag,
    Notification,
    NotificationSetting,
    Question,
    Subscription,
    User,
    Vote,
)

FORMER_MEMBER = "voormalig lid"

_exporters: list[Callable] = []
_erasers: list[Callable] = []


def register_export(provider: Callable) -> None:
    if provider not in _exporters:
        _exporters.append(provider)


def register_erasure(provider: Callable) -> None:
    if provider not in _erasers:
        _erasers.append(provider)


def _when(value):
    return value.isoformat() if value else None


def _posts(user) -> dict:
    return {
        "questions": [
            {"id": q.pk, "title": q.title, "body": q.body, "created_at": _when(q.created_at),
             "url": q.get_absolute_url()}
            for q in Question.objects.filter(author=user).order_by("pk")
        ],
        "answers": [
            {"id": a.pk, "question": a.question_id, "body": a.body,
             "created_at": _when(a.created_at)}
            for a in Answer.objects.filter(author=user).order_by("pk")
        ],
        "comments": [
            {"id": c.pk, "question": c.question_id, "answer": c.answer_id, "body": c.body,
             "created_at": _when(c.created_at)}
            for c in Comment.objects.filter(author=user).order_by("pk")
        ],
        "votes": [
            {"question": v.question_id, "answer": v.answer_id, "value": v.value,
             "created_at": _when(v.created_at)}
            for v in Vote.objects.filter(user=user).order_by("pk")
        ],
        "flags": list(Flag.objects.filter(reporter=user).values("reason", "note")),
    }


def export_data(*, user: User, request=None) -> dict:
    """Everything we hold about `user`, as JSON-ready values; sections from other apps are
    added under the name their provider returns."""
    from gamification.models import ReputationEvent

    data = {
        "profile": {
            "username": user.username, "email": user.email, "display_name": user.display_name,
            "bio": user.bio, "first_name": user.first_name, "last_name": user.last_name,
            "date_joined": _when(user.date_joined), "last_login": _when(user.last_login),
            "avatar": user.avatar.name if user.avatar else "",
        },
        **_posts(user),
        "reputation": [
            {"reason": e.reason, "points": e.points, "source": e.source_key,
             "created_at": _when(getattr(e, "created_at", None))}
            for e in ReputationEvent.objects.filter(user=user).order_by("pk")
        ],
        "subscriptions": list(
            Subscription.objects.filter(user=user).values("target", "question", "key")
        ),
    }
    for provider in _exporters:
        name, section = provider(user, request)
        data[name] = section
    return data


@transaction.atomic
def erase_account(*, user: User, request=None) -> None:
    """Remove what identifies `user` and disable the login; keep posts (as "voormalig lid"),
    votes and the reputation ledger so that scores and totals stay consistent."""
    from allauth.account.models import EmailAddress

    for provider in _erasers:
        provider(user, request)
    avatar = user.avatar.name if user.avatar else ""
    user.username = f"voormalig-lid-{uuid4().hex[:12]}"
    user.email = ""
    user.first_name = user.last_name = user.bio = user.suspension_reason = ""
    user.display_name = FORMER_MEMBER
    user.avatar = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    NotificationSetting.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    _end_sessions(user)
    if avatar:
        storage = User._meta.get_field("avatar").storage
        transaction.on_commit(lambda: storage.delete(avatar))


def _end_sessions(user) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


ERASED_MESSAGE = _("Your account has been deleted. Your posts now show as a former member.")
