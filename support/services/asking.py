""""Heeft dit je geholpen?": one short message after a question's first answer and 24 hours
after a confirmed deflection on the contact form, at most one a day per person, with signed
"ja, opgelost" and "nee, ik heb nog hulp nodig" links. Members get it in their inbox (through
community's notifications, kind "helped") and by e-mail unless they switched that off; visitors
without an account get the e-mail when they left their address on the contact form."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from community import services as community
from community.models import Answer, Notification, PostStatus, Question
from community.services import notifications
from search import services as search
from search.models import Deflection, SuggestionLog

from .. import links
from ..models import AskBack, DeflectionAddress

AFTER_DEFLECTION = timedelta(hours=24)
RECENT = timedelta(days=7)  # older events are not asked about any more
ONE_A_DAY = timedelta(hours=24)
# A question counts as coming from a suggestion list when its asker was shown suggestions on
# the ask form in the hour before posting it.
SUGGESTION_WINDOW = timedelta(hours=1)
LANGUAGES = ("nl", "en")


@dataclass
class Due:
    kind: str
    source_key: str
    user: object | None
    email: str
    language: str
    url: str
    title: str
    suggestion: SuggestionLog | None = None

    @property
    def person(self) -> str:
        return f"user:{self.user.pk}" if self.user else self.email.lower()


def remember_address(*, deflection: Deflection, email: str, language: str) -> DeflectionAddress:
    """A visitor without an account who confirmed a deflection on the contact form and left
    `email`: the ask-back reaches them there a day later. Once per deflection."""
    address, _created = DeflectionAddress.objects.get_or_create(
        deflection=deflection,
        defaults={"email": email, "language": language if language in LANGUAGES else "nl"})
    return address


def send_due(*, now=None) -> int:
    """Ask every shopper whose question got its first answer, and every shopper who confirmed
    an answer on the contact form 24 hours ago, once. Idempotent (`source_key` is unique, so a
    second copy of the job running at the same time sends nothing twice); a person asked in
    the last 24 hours is asked on a later run."""
    now = now or timezone.now()
    due = [*_due_questions(now), *_due_deflections(now)]
    asked = _asked_keys([d.source_key for d in due])
    return sum(_ask(d, now) is not None for d in due if d.source_key not in asked)


def _asked_keys(keys: list[str]) -> set[str]:
    return set(AskBack.objects.filter(source_key__in=keys).values_list("source_key", flat=True))


def _due_questions(now):
    first_answers = Answer.objects.filter(question=OuterRef("pk"), visibility=PostStatus.PUBLISHED,
                                          created_at__gte=now - RECENT)
    questions = (Question.objects.filter(visibility=PostStatus.PUBLISHED)
                 .filter(Exists(first_answers)).select_related("author"))
    questions = list(questions)
    asked = _asked_keys([f"question:{question.pk}" for question in questions])
    for question in questions:
        if f"question:{question.pk}" in asked:
            continue  # before looking up its suggestions: most were asked on an earlier run
        yield Due(kind=AskBack.Kind.QUESTION, source_key=f"question:{question.pk}",
                  user=question.author, email=question.author.email, language=question.locale,
                  url=question.get_absolute_url(), title=question.title,
                  suggestion=_ask_suggestion(question))


def _ask_suggestion(question) -> SuggestionLog | None:
    """The suggestions shown to the asker on the ask form just before the question was posted."""
    return (SuggestionLog.objects
            .filter(context=SuggestionLog.Context.ASK, user=question.author_id, shown__gt=0,
                    created_at__lte=question.created_at,
                    created_at__gte=question.created_at - SUGGESTION_WINDOW)
            .order_by("-created_at").first())


def _due_deflections(now):
    deflections = Deflection.objects.filter(
        kind=Deflection.Kind.CONFIRMED, context=SuggestionLog.Context.CONTACT,
        created_at__lte=now - AFTER_DEFLECTION, created_at__gte=now - RECENT,
    ).select_related("user", "suggestion")
    addresses = {a.deflection_id: a for a in DeflectionAddress.objects.filter(
        deflection__in=deflections)}
    for deflection in deflections:
        address = addresses.get(deflection.pk)
        if deflection.user is None and address is None:
            continue  # an anonymous visitor who left no address: nobody to ask
        language = address.language if address else _language_of(deflection.url)
        yield Due(kind=AskBack.Kind.DEFLECTION, source_key=f"deflection:{deflection.pk}",
                  user=deflection.user,
                  email=deflection.user.email if deflection.user else address.email,
                  language=language, url=deflection.url, title=deflection.query,
                  suggestion=deflection.suggestion)


def _language_of(url: str) -> str:
    language = url.split("/")[1] if url.count("/") > 1 else ""
    return language if language in LANGUAGES else "nl"


def _ask(due: Due, now) -> AskBack | None:
    if due.user is not None and not due.user.is_active:
        return None
    if not (due.user or due.email) or _asked_today(due.person, now):
        return None
    try:
        with transaction.atomic():
            askback = AskBack.objects.create(
                kind=due.kind, source_key=due.source_key, person=due.person, user=due.user,
                email=due.email, language=due.language, url=due.url, suggestion=due.suggestion)
            by_email = bool(due.email)
            if due.user is not None:
                by_email = _to_inbox(askback, due.title) and by_email
    except IntegrityError:  # asked already (another copy of the job was faster)
        return None
    if by_email:
        transaction.on_commit(lambda: _send(askback, due.title))
    return askback


def _asked_today(person: str, now) -> bool:
    return AskBack.objects.filter(person=person, sent_at__gte=now - ONE_A_DAY).exists()


def _to_inbox(askback: AskBack, title: str) -> bool:
    """The inbox line (community's notification, without its generic e-mail: ours carries the
    one-click answers). Returns whether the member still wants this kind by e-mail."""
    with notifications.quiet():
        notifications.notify(recipient=askback.user, kind=Notification.Kind.HELPED, actor=None,
                             text=title, url=links.askback_path(askback))
    return notifications.channels_for(askback.user, Notification.Kind.HELPED)[1]


def _send(askback: AskBack, title: str) -> None:
    with translation.override(askback.language):
        context = {"askback": askback, "title": title,
                   "yes": links.askback_url(askback, True), "no": links.askback_url(askback, False)}
        subject = render_to_string("support/email/ask_back_subject.txt", context)
        body = render_to_string("support/email/ask_back.txt", context)
    send_mail(" ".join(subject.split()), body, None, [askback.email])


@transaction.atomic
def answer_ask_back(*, askback: AskBack, solved: bool) -> str:
    """Record the one answer (a second click changes nothing). "ja" marks the question solved
    (accepts its best answer for the asker when none is accepted yet) and, when the question or
    contact came from a suggestion list, records the confirmed deflection through search (once
    per list). Returns where to send the shopper next: the question or the answer that helped,
    or contact step 2 prefilled with what they asked."""
    updated = AskBack.objects.filter(pk=askback.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), solved=solved)
    question = None
    if askback.kind == AskBack.Kind.QUESTION:
        question = Question.objects.filter(pk=askback.source_key.partition(":")[2]).first()
    if updated and solved:
        _mark_solved(askback, question)
    if solved:
        return askback.url or "/"
    return _contact_step_two(askback, question)


def _mark_solved(askback: AskBack, question) -> None:
    if question is not None and not question.answers.filter(is_accepted=True).exists():
        best = community.best_answer(question)
        if best is not None and best.author_id != question.author_id:
            # A locked question or a suspended asker: the answer is recorded all the same.
            with suppress(PermissionDenied, ValidationError):
                community.accept_answer(answer=best, by=question.author)
    if askback.suggestion is not None:
        document = (f"question:{question.pk}" if question is not None
                    else _helped_document(askback))
        search.confirm_deflection(suggestion=askback.suggestion, document=document,
                                  url=askback.url, user=askback.user)


def _helped_document(askback: AskBack) -> str:
    return (Deflection.objects.filter(pk=askback.source_key.partition(":")[2])
            .values_list("document", flat=True).first() or "")


def _contact_step_two(askback: AskBack, question) -> str:
    description = question.title if question else ""
    if askback.kind == AskBack.Kind.DEFLECTION:
        description = Deflection.objects.filter(
            pk=askback.source_key.partition(":")[2]).values_list("query", flat=True).first() or ""
    with translation.override(askback.language):
        return reverse("support:contact") + "?" + urlencode({"step": "2",
                                                             "description": description})
