"""How far a member is from each badge: "3 more accepted answers".

Every badge has a Goal: a measure (a number read from the member's ledger) and the target
its rule needs. `measures(user)` reads every measure in a fixed number of queries (three,
however many events the member has), so the badge page and the profile cost the same for a
newcomer and for a guru. The measures follow the rules in `badges.py`; a test holds each
goal to its badge by earning the badge exactly when the measure reaches the target.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from . import rules as r
from .models import ReputationEvent

# The phrase for "n more …", per measure; `phrase % {"n": 3}` picks the plural form.
PHRASES = {
    "asked": ngettext_lazy("%(n)s more question", "%(n)s more questions", "n"),
    "answered": ngettext_lazy("%(n)s more answer", "%(n)s more answers", "n"),
    "accepted": ngettext_lazy("%(n)s more accepted answer", "%(n)s more accepted answers", "n"),
    "upvotes_given": ngettext_lazy(
        "%(n)s more up-vote to give", "%(n)s more up-votes to give", "n"
    ),
    "downvotes_given": ngettext_lazy(
        "%(n)s more down-vote to give", "%(n)s more down-votes to give", "n"
    ),
    "edits": ngettext_lazy("%(n)s more edit", "%(n)s more edits", "n"),
    "verified": ngettext_lazy("%(n)s more verified answer", "%(n)s more verified answers", "n"),
    "answer_score": ngettext_lazy(
        "%(n)s more vote on your best answer", "%(n)s more votes on your best answer", "n"
    ),
    "question_score": ngettext_lazy(
        "%(n)s more vote on your best question", "%(n)s more votes on your best question", "n"
    ),
    "upvoted_questions": ngettext_lazy(
        "%(n)s more question that others up-vote", "%(n)s more questions that others up-vote", "n"
    ),
    "accepted_in_tag": ngettext_lazy(
        "%(n)s more accepted answer in your best tag",
        "%(n)s more accepted answers in your best tag",
        "n",
    ),
    "accepted_for_product": ngettext_lazy(
        "%(n)s more accepted answer about your best product",
        "%(n)s more accepted answers about your best product",
        "n",
    ),
    "languages": ngettext_lazy(
        "an accepted answer in %(n)s more language", "accepted answers in %(n)s more languages", "n"
    ),
    "deflections": ngettext_lazy("%(n)s more shopper helped", "%(n)s more shoppers helped", "n"),
    "flags": ngettext_lazy("%(n)s more upheld flag", "%(n)s more upheld flags", "n"),
    "streak": ngettext_lazy(
        "%(n)s more day in a row with an answer", "%(n)s more days in a row with an answer", "n"
    ),
    "promoted": ngettext_lazy(
        "%(n)s more answer turned into an article", "%(n)s more answers turned into articles", "n"
    ),
    "votes": ngettext_lazy("%(n)s more vote", "%(n)s more votes", "n"),
}


@dataclass(frozen=True)
class Goal:
    measure: str
    target: int


GOALS: dict[str, Goal] = {
    "student": Goal("asked", 1),
    "teacher": Goal("answered", 1),
    "problem-solver": Goal("accepted", 1),
    "supporter": Goal("upvotes_given", 1),
    "critic": Goal("downvotes_given", 1),
    "editor": Goal("edits", 1),
    "verified": Goal("verified", 1),
    "good-answer": Goal("answer_score", 10),
    "great-answer": Goal("answer_score", 25),
    "brilliant-answer": Goal("answer_score", 50),
    "good-question": Goal("question_score", 10),
    "great-question": Goal("question_score", 25),
    "curious": Goal("upvoted_questions", 5),
    "helper": Goal("accepted", 10),
    "guru": Goal("accepted", 50),
    "expert": Goal("accepted_in_tag", 25),
    "product-specialist": Goal("accepted_for_product", 10),
    "polyglot": Goal("languages", 2),
    "deflector": Goal("deflections", 10),
    "lighthouse": Goal("deflections", 100),
    "citizen": Goal("flags", 10),
    "steadfast": Goal("streak", 7),
    "promoted": Goal("promoted", 1),
    "civic-duty": Goal("votes", 100),
}


@dataclass(frozen=True)
class Progress:
    current: int
    target: int
    remaining_text: str

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.current / self.target)) if self.target else 100


def progress_for(slug: str, values: dict[str, int]) -> Progress | None:
    """The progress toward badge `slug` given `measures(...)`; None for an unknown badge."""
    goal = GOALS.get(slug)
    if goal is None:
        return None
    current = min(values.get(goal.measure, 0), goal.target)
    return Progress(current, goal.target, PHRASES[goal.measure] % {"n": goal.target - current})


def measures(user, *, today: dt.date | None = None) -> dict[str, int]:
    """Every measure for `user` from their live ledger. Three queries: one aggregate, the
    accepted answers' tags, product and language, and the days they answered on."""
    if not getattr(user, "pk", None):
        return {}
    live = ReputationEvent.objects.live().filter(user_id=user.pk)
    values = _counts(live)
    values.update(_accepted_spread(live))
    values["streak"] = _streak(live, today or timezone.localdate())
    return values


def _counts(live) -> dict[str, int]:
    def count(*reasons, extra=None):
        return Count("id", filter=Q(reason__in=reasons) & (extra or Q()))

    def best_score(reason):
        return Max(Cast(KT("facts__score"), IntegerField()), filter=Q(reason=reason))

    down = Q(reason=r.DOWNVOTE_CAST) | Q(facts__value__lt=0) | Q(source_key__endswith=":down")
    row = live.aggregate(
        asked=count(r.QUESTION_ASKED),
        answered=count(r.ANSWER_POSTED),
        accepted=count(r.ANSWER_ACCEPTED),
        upvotes_given=count(r.VOTE_CAST, extra=~down),
        downvotes_given=count(r.VOTE_CAST, r.DOWNVOTE_CAST, extra=down),
        edits=count(r.POST_EDITED),
        verified=count(r.ANSWER_VERIFIED),
        answer_score=best_score(r.ANSWER_UPVOTED),
        question_score=best_score(r.QUESTION_UPVOTED),
        upvoted_questions=Count(
            KT("facts__post"), filter=Q(reason=r.QUESTION_UPVOTED), distinct=True
        ),
        deflections=count(r.DEFLECTION),
        flags=count(r.FLAG_RAISED_UPHELD),
        promoted=count(r.ANSWER_PROMOTED),
        votes=count(r.VOTE_CAST, r.DOWNVOTE_CAST),
    )
    return {name: int(value or 0) for name, value in row.items()}


def _accepted_spread(live) -> dict[str, int]:
    """The most accepted answers in one tag and about one product, and how many languages."""
    tags, products, languages = Counter(), Counter(), set()
    rows = live.filter(reason=r.ANSWER_ACCEPTED).values_list("tags", "product", "facts__language")
    for tag_text, product, language in rows:
        tags.update(t for t in tag_text.strip("|").split("|") if t)
        if product:
            products[product] += 1
        if language in ("nl", "en"):
            languages.add(language)
    return {
        "accepted_in_tag": max(tags.values(), default=0),
        "accepted_for_product": max(products.values(), default=0),
        "languages": len(languages),
    }


def _streak(live, today: dt.date) -> int:
    """Days in a row with an answer, ending today (or yesterday: today is not over yet)."""
    since = today - dt.timedelta(days=7)
    days = set(live.filter(reason=r.ANSWER_POSTED, day__gte=since).values_list("day", flat=True))
    day = today if today in days else today - dt.timedelta(days=1)
    run = 0
    while day in days:
        run += 1
        day -= dt.timedelta(days=1)
    return run
