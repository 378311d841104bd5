"""Writes of the search app: logging searches, clicks, suggestions and deflections.

Each function takes plain values, runs in one transaction and never stores a raw IP address.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from community.pii import scrub

from . import phrasings
from .models import Deflection, SearchClick, SearchLog, SuggestionLog

log = logging.getLogger(__name__)
SAME_SUBMISSION = timedelta(minutes=30)
REFINEMENT_WINDOW = timedelta(minutes=2)
IMPLICIT_AFTER = timedelta(minutes=30)


@transaction.atomic
def log_search(*, query: str, language: str, result_count: int, took_ms: int,
               visitor: str) -> SearchLog:
    """Record a search submission once: the same visitor repeating the same normalised query in
    the same language within 30 minutes (paging, facets, reloads) returns the earlier row.
    A different query within 2 minutes of one without clicks is marked as its refinement.
    Order numbers, IBANs and other personal data in the query are stored masked."""
    query = scrub(query)
    now = timezone.now()
    recent = SearchLog.objects.filter(visitor=visitor, created_at__gte=now - SAME_SUBMISSION)
    same = recent.filter(query=query, language=language).order_by("-created_at").first()
    if same:
        return same
    previous = (
        recent.filter(created_at__gte=now - REFINEMENT_WINDOW)
        .exclude(Exists(SearchClick.objects.filter(search=OuterRef("pk"))))
        .order_by("-created_at")
        .first()
    )
    return SearchLog.objects.create(
        query=query[:200], language=language, result_count=result_count,
        took_ms=max(0, int(took_ms)), visitor=visitor, refined_from=previous,
    )


@transaction.atomic
def record_click(*, search: SearchLog, position: int, url: str) -> SearchClick:
    """A click on the result at `position` (1-based) of `search`."""
    if position < 1:
        raise ValidationError(_("A result position starts at 1."))
    return SearchClick.objects.create(search=search, position=position, url=url[:500])


@transaction.atomic
def log_suggestions(*, query: str, language: str, context: str, shown: int, visitor: str,
                    user=None) -> SuggestionLog:
    """Suggestions shown for what the visitor typed so far (a draft title on the ask form may
    hold an order number: stored masked); one row per distinct text."""
    query = scrub(query)
    user = user if getattr(user, "is_authenticated", False) else None
    existing = SuggestionLog.objects.filter(
        visitor=visitor, query=query, language=language, context=context,
        created_at__gte=timezone.now() - SAME_SUBMISSION,
    ).first()
    if existing:
        return existing
    return SuggestionLog.objects.create(query=query[:200], language=language, context=context,
                                        shown=shown, visitor=visitor, user=user)


@transaction.atomic
def record_suggestion_click(*, suggestion: SuggestionLog, position: int, url: str) -> None:
    SuggestionLog.objects.filter(pk=suggestion.pk).update(
        clicked_url=url[:500], clicked_position=position, clicked_at=timezone.now()
    )


@transaction.atomic
def record_form_posted(*, suggestion: SuggestionLog) -> None:
    """The visitor submitted the ask/contact form after all: no implicit deflection."""
    SuggestionLog.objects.filter(pk=suggestion.pk).update(posted_at=timezone.now())


@transaction.atomic
def confirm_deflection(*, suggestion: SuggestionLog, document: str, url: str,
                       user=None) -> Deflection:
    """"Dit beantwoordt mijn vraag": a confirmed deflection (once per suggestion list).
    A community answer that helped earns its author reputation (reason DEFLECTION)."""
    deflection, created = Deflection.objects.get_or_create(
        suggestion=suggestion, kind=Deflection.Kind.CONFIRMED,
        defaults={
            "context": suggestion.context, "query": suggestion.query, "document": document[:255],
            "url": url[:500], "visitor": suggestion.visitor,
            "user": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    if created:
        _reward_answer(deflection)
        phrasings.learn(query=suggestion.query, language=suggestion.language,
                        document=deflection.document, visitor=suggestion.visitor, user=user)
    return deflection


def _reward_answer(deflection: Deflection) -> None:
    name, _sep, pk = deflection.document.partition(":")
    if name != "question" or not pk.isdigit():
        return
    from community.models import Answer, PostStatus

    best = (Answer.objects.filter(question_id=int(pk), visibility=PostStatus.PUBLISHED)
            .select_related("author").first())
    if best is None or (deflection.user_id and deflection.user_id == best.author_id):
        return
    # No community service wraps this yet, so search calls gamification directly (allowed:
    # gamification is below community, which is below search).
    from gamification import rules, services

    services.record(
        user=best.author, reason=rules.DEFLECTION, source_key=f"deflection:{deflection.pk}",
        actor=deflection.user, facts={"question": int(pk), "post": f"answer:{best.pk}",
               "visitor_key": deflection.visitor},
    )


def settle_implicit_deflections(*, now=None) -> int:
    """Turn suggestion clicks on the ask/contact forms that were not followed by posting within
    30 minutes into implicit deflections. Returns how many were recorded."""
    now = now or timezone.now()
    candidates = SuggestionLog.objects.filter(
        settled=False, clicked_at__isnull=False, clicked_at__lte=now - IMPLICIT_AFTER,
        context__in=[SuggestionLog.Context.ASK, SuggestionLog.Context.CONTACT],
    )
    recorded = 0
    for suggestion in candidates:
        with transaction.atomic():
            if suggestion.posted_at is None:
                Deflection.objects.get_or_create(
                    suggestion=suggestion, kind=Deflection.Kind.IMPLICIT,
                    defaults={"context": suggestion.context, "query": suggestion.query,
                              "document": "", "url": suggestion.clicked_url,
                              "visitor": suggestion.visitor, "user": suggestion.user},
                )
                phrasings.learn(query=suggestion.query, language=suggestion.language,
                                document=phrasings.document_for_url(suggestion.clicked_url),
                                visitor=suggestion.visitor, user=suggestion.user)
                recorded += 1
            SuggestionLog.objects.filter(pk=suggestion.pk).update(settled=True)
    return recorded
