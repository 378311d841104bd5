"""A search need that keeps failing becomes an open community question, and closes once a
later search for it leads to a click. See `selectors.gaps` for what counts as failing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from community.roles import is_moderator
from community.services import ask_question
from search.models import SearchClick

from ..models import GapQuestion
from ..normalise import normalise_query

TITLE_LENGTH = 200


def ask_community_about_gap(*, language: str, normalised: str, by) -> GapQuestion:
    """Post "Searched for but not found: …" as an open community question by moderator `by`,
    for a need that is failing now (`selectors.failing_search`), with the shoppers' phrasings
    in its body. Once per need: asking again (even concurrently) returns the first question.
    Raises PermissionDenied for non-moderators and ValidationError when the need is not
    failing (any more)."""
    from ..selectors import failing_search

    if not is_moderator(by):
        raise PermissionDenied(_("Only moderators can ask the community about a search gap."))
    existing = GapQuestion.objects.filter(language=language, normalised=normalised).first()
    if existing is not None:
        return existing
    need = failing_search(language=language, normalised=normalised)
    if need is None:
        raise ValidationError(_("This search is not failing often enough to ask the "
                                "community about it."))
    with translation.override(language):
        title = _("Searched for but not found: %(query)s") % {"query": need.example}
        body = "\n".join([
            _("Shoppers searched for this in the last 7 days without finding an answer. "
              "Do you know it? This is how they asked:"), "",
            *(f"- {phrasing}" for phrasing in need.phrasings),
        ])
    try:
        with transaction.atomic():
            question = ask_question(author=by, title=title[:TITLE_LENGTH], body=body,
                                    locale=language, pii_confirmed=True)
            return GapQuestion.objects.create(language=language, normalised=normalised,
                                              example=need.example[:200], question=question,
                                              created_by=by)
    except IntegrityError:
        # Another moderator was faster: their question stands, ours was rolled back.
        return GapQuestion.objects.get(language=language, normalised=normalised)


@transaction.atomic
def close_found_gaps() -> int:
    """Mark open gap questions closed at the first result click of a search for the same
    need (same language and normalised form) made after the question was asked. Returns how
    many closed. Idempotent; run by the scheduled roll-up job."""
    open_gaps = list(GapQuestion.objects.select_for_update().filter(closed_at__isnull=True))
    if not open_gaps:
        return 0
    since = min(gap.created_at for gap in open_gaps)
    clicks = (
        SearchClick.objects.filter(created_at__gt=since, search__created_at__gt=since,
                                   search__language__in={gap.language for gap in open_gaps})
        .values_list("search__language", "search__query", "search__created_at", "created_at")
        .order_by("created_at")
    )
    waiting = {(gap.language, gap.normalised): gap for gap in open_gaps}
    forms: dict[tuple[str, str], str] = {}
    for language, query, searched_at, clicked_at in clicks:
        key = (language, query)
        if key not in forms:
            forms[key] = normalise_query(query, language)
        gap = waiting.get((language, forms[key]))
        if gap is not None and searched_at > gap.created_at:
            gap.closed_at = clicked_at
            gap.save(update_fields=["closed_at"])
            del waiting[gap.language, gap.normalised]
    return len(open_gaps) - len(waiting)
