"""Learned phrasings: the words shoppers used for a document that answered them.

Sources: a suggestion clicked on the ask/contact form without posting (settled after 30
minutes), "Dit beantwoordt mijn vraag" (`search.services`), questions a moderator closed as
duplicates of a question, and the "ook gevraagd als" lines editors add to an article (those two
are curated and need no visitors). Guards on the learned ones: each visitor counts once, a
phrasing counts from `SEARCH_PHRASING_MIN_VISITORS` (default 3) visitors, uses decay with a
half-life of `HALF_LIFE`, at most `MAX_PER_DOCUMENT` per document, nothing from suspended
members or members with upheld flags, and editors remove bad ones (Settings → Learned
phrasings). Phrasings are indexed in a field of their own (Whoosh) or with the title-and-tags
weight (PostgreSQL).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .analysis import fold
from .models import LearnedPhrasing, PhrasingVisitor
from .registry import Document

HALF_LIFE = timedelta(days=90)
MAX_PER_DOCUMENT = 20
MAX_WORDS = 20


def min_visitors() -> int:
    return getattr(settings, "SEARCH_PHRASING_MIN_VISITORS", 3)


def _trusted(user) -> bool:
    """Anonymous visitors count; suspended members and members with upheld flags do not."""
    if user is None or not getattr(user, "is_authenticated", False):
        return True
    if getattr(user, "is_suspended", False):
        return False
    from community.models import Flag

    upheld = Flag.objects.filter(state=Flag.State.UPHELD)
    return not (upheld.filter(question__author=user).exists()
                or upheld.filter(answer__author=user).exists())


@transaction.atomic
def learn(*, query: str, language: str, document: str, visitor: str, user=None,
          now=None) -> LearnedPhrasing | None:
    """Record that `visitor` found `document` with `query`. Returns the phrasing, or None when
    it is not learned (empty, too long, a removed phrasing, an untrusted member). Re-indexes the
    document when the phrasing just reached the visitor minimum."""
    text = fold(query)[:200]
    if not text or not document or not visitor or len(text.split()) > MAX_WORDS:
        return None
    if not _trusted(user):
        return None
    now = now or timezone.now()
    phrasing, _created = LearnedPhrasing.objects.get_or_create(
        document=document[:255], language=language, text=text, defaults={"last_seen": now}
    )
    if phrasing.removed:
        return None
    try:
        with transaction.atomic():
            PhrasingVisitor.objects.create(phrasing=phrasing, visitor=visitor, seen_at=now)
    except IntegrityError:  # this visitor already counted
        return phrasing
    LearnedPhrasing.objects.filter(pk=phrasing.pk).update(visitors=F("visitors") + 1,
                                                          last_seen=now)
    phrasing.refresh_from_db()
    if phrasing.visitors == min_visitors():
        from .indexing import schedule

        schedule([document.split("#", 1)[0]])
    return phrasing


def weight(uses: list, now) -> float:
    """Visitors, each counting half as much per `HALF_LIFE` since their use."""
    return sum(0.5 ** ((now - seen).total_seconds() / HALF_LIFE.total_seconds())
               for seen in uses)


def learned_for(keys: list[str], *, now=None) -> dict[str, list[str]]:
    """{document key: phrasings to index}, best first, capped per document. One query."""
    now = now or timezone.now()
    rows = (PhrasingVisitor.objects.filter(phrasing__document__in=keys, phrasing__removed=False,
                                           phrasing__visitors__gte=min_visitors())
            .values_list("phrasing__document", "phrasing__text", "seen_at"))
    uses: dict[tuple[str, str], list] = {}
    for key, text, seen in rows:
        uses.setdefault((key, text), []).append(seen)
    scored: dict[str, list[tuple[float, str]]] = {}
    for (key, text), seen in uses.items():
        score = weight(seen, now)
        if score >= min_visitors() / 2:  # decayed below half the minimum: forgotten
            scored.setdefault(key, []).append((score, text))
    return {key: [text for _s, text in sorted(pairs, key=lambda p: (-p[0], p[1]))]
            [:MAX_PER_DOCUMENT] for key, pairs in scored.items()}


def attach(docs: list[Document]) -> list[Document]:
    """`docs` with their learned phrasings added to the curated ones they carry."""
    if not docs:
        return docs
    learned = learned_for([doc.key for doc in docs])
    result = []
    for doc in docs:
        extra = [t for t in learned.get(doc.key, []) if t not in doc.phrasings]
        result.append(replace(doc, phrasings=(*doc.phrasings, *extra)[:MAX_PER_DOCUMENT * 2])
                      if extra else doc)
    return result


def document_for_url(url: str) -> str:
    """The index key of the document a clicked suggestion pointed at ("" if none)."""
    from .models import DocumentVector

    return DocumentVector.objects.filter(url=url).values_list("key", flat=True).first() or ""
