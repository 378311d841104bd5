"""Inbox entries and e-mails. Called by the other services inside their transaction; the
e-mail leaves only after commit, so a rolled-back answer never mails anyone."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import Notification, NotificationSetting, Subscription, User

# Demo seeding and imports create many posts at once; nobody should get e-mail about them.
_quiet: ContextVar[bool] = ContextVar("community_quiet_email", default=False)


@contextmanager
def quiet():
    """Within this block notifications land in inboxes but no e-mail is sent."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def channels_for(user, kind: str) -> tuple[bool, bool]:
    """(on_site, by_email) for this member and kind; both on unless they switched it off."""
    setting = NotificationSetting.objects.filter(user=user, kind=kind).first()
    return (setting.on_site, setting.by_email) if setting else (True, True)


def notify(*, recipient, kind: str, actor, text: str, url: str) -> Notification | None:
    """Tell `recipient` about `kind` (never about their own action). `text` is the post title,
    shown inside a translated sentence chosen by kind."""
    if recipient is None or (actor is not None and recipient.pk == actor.pk):
        return None
    if not recipient.is_active:
        return None
    on_site, by_email = channels_for(recipient, kind)
    note = Notification(recipient=recipient, kind=kind, actor=actor, text=text[:300], url=url)
    if on_site:
        note.save()
    if by_email and recipient.email and not _quiet.get():
        transaction.on_commit(lambda: _send_email(note))
    return note if on_site else None


def notify_many(*, recipients, kind: str, actor, text: str, url: str) -> None:
    seen = set()
    for recipient in recipients:
        if recipient.pk not in seen:
            seen.add(recipient.pk)
            notify(recipient=recipient, kind=kind, actor=actor, text=text, url=url)


def followers_of_question(question) -> list[User]:
    return [
        s.user
        for s in Subscription.objects.filter(
            target=Subscription.Target.QUESTION, question=question
        ).select_related("user")
    ]


def followers_of_keys(*, tags: list[str], product: str | None) -> list[User]:
    query = Q(target=Subscription.Target.TAG, key__in=tags)
    if product:
        query |= Q(target=Subscription.Target.PRODUCT, key=product)
    return [s.user for s in Subscription.objects.filter(query).select_related("user")]


@transaction.atomic
def mark_all_read(*, user) -> int:
    """Mark the member's unread notifications read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def save_settings(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store (on_site, by_email) per kind for `user`."""
    for kind, (on_site, by_email) in choices.items():
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"on_site": on_site, "by_email": by_email}
        )


def _send_email(note: Notification) -> None:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    language = note.url.split("/")[1] if note.url.count("/") > 1 else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"note": note, "link": f"{base}{note.url}"}
        subject = render_to_string("community/email/notification_subject.txt", context)
        body = render_to_string("community/email/notification.txt", context)
    send_mail(" ".join(subject.split()), body, None, [note.recipient.email])
