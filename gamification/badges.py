"""Badge rules: bronze, silver and gold, each with a rule stated in words and in code.

Rules read only our own ledger (events and their facts), never `community`. A badge is
checked when an event of one of its trigger reasons is recorded; it is awarded once, or once
per post, tag or product (its award key), and the unique constraint on BadgeAward makes a
second award impossible even when two requests race.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import BadgeAward, ReputationEvent
from .signals import badge_awarded

BRONZE, SILVER, GOLD = "bronze", "silver", "gold"
TIER_NAMES = {BRONZE: _("Bronze"), SILVER: _("Silver"), GOLD: _("Gold")}


@dataclass(frozen=True)
class Badge:
    slug: str
    name: str
    tier: str
    rule: str
    triggers: tuple[str, ...]
    # check(user, event) -> award keys that now hold ("" for a once-only badge).
    check: Callable = field(compare=False)
    multiple: bool = False

    @property
    def tier_name(self):
        return TIER_NAMES[self.tier]


def _live(user, *reasons):
    return ReputationEvent.objects.live().filter(user=user, reason__in=reasons)


def _count_at_least(n, *reasons):
    def check(user, event):
        return [""] if _live(user, *reasons).count() >= n else []

    return check


def _post_key(event) -> str:
    return str(event.facts.get("post") or event.source_key)[:100]


def _score_at_least(n, user, event):
    score = event.facts.get("score")
    return [_post_key(event)] if isinstance(score, int) and score >= n else []


def _votes_given(direction, user, event):
    """The vote's direction comes from facts["value"] (+1/-1); without it, a source key
    ending in ":down" (community's vote keys) marks a down-vote."""
    value = event.facts.get("value")
    if event.reason == rules.DOWNVOTE_CAST:
        value = -1
    elif not isinstance(value, int):
        value = -1 if event.source_key.endswith(":down") else 1
    return [""] if (value > 0) == (direction > 0) and value != 0 else []


def _well_received_questions(n, user, event):
    posts = (
        _live(user, rules.QUESTION_UPVOTED)
        .order_by()
        .values_list("facts__post", flat=True)
        .distinct()
    )
    return [""] if len({p for p in posts if p}) >= n else []


def _accepted_in_one_tag(n, user, event):
    keys = []
    for tag in event.tags.strip("|").split("|") if event.tags else []:
        if _live(user, rules.ANSWER_ACCEPTED).filter(tags__contains=f"|{tag}|").count() >= n:
            keys.append(tag[:100])
    return keys


def _accepted_for_one_product(n, user, event):
    if not event.product:
        return []
    count = _live(user, rules.ANSWER_ACCEPTED).filter(product=event.product).count()
    return [event.product] if count >= n else []


def _consecutive_days(n, user, event):
    since = event.day - dt.timedelta(days=n - 1)
    days = set(
        _live(user, rules.ANSWER_POSTED)
        .filter(day__gte=since, day__lte=event.day)
        .values_list("day", flat=True)
    )
    return [""] if len(days) >= n else []


def _bilingual(user, event):
    languages = set(
        _live(user, rules.ANSWER_ACCEPTED)
        .order_by()
        .values_list("facts__language", flat=True)
        .distinct()
    )
    return [""] if {"nl", "en"} <= languages else []


def _per_post(user, event):
    return [_post_key(event)]


A = rules
BADGES: list[Badge] = [
    Badge("student", _("Student"), BRONZE, _("Asked a first question."),
          (A.QUESTION_ASKED,), _count_at_least(1, A.QUESTION_ASKED)),
    Badge("teacher", _("Teacher"), BRONZE, _("Answered a first question."),
          (A.ANSWER_POSTED,), _count_at_least(1, A.ANSWER_POSTED)),
    Badge("problem-solver", _("Problem solver"), BRONZE, _("Had a first answer accepted."),
          (A.ANSWER_ACCEPTED,), _count_at_least(1, A.ANSWER_ACCEPTED)),
    Badge("supporter", _("Supporter"), BRONZE, _("Gave a first up-vote."),
          (A.VOTE_CAST,), partial(_votes_given, 1)),
    Badge("critic", _("Critic"), BRONZE, _("Gave a first down-vote."),
          (A.VOTE_CAST, A.DOWNVOTE_CAST), partial(_votes_given, -1)),
    Badge("editor", _("Editor"), BRONZE, _("Edited a post for the first time."),
          (A.POST_EDITED,), _count_at_least(1, A.POST_EDITED)),
    Badge("verified", _("Verified"), BRONZE, _("Had an answer verified by our staff."),
          (A.ANSWER_VERIFIED,), _count_at_least(1, A.ANSWER_VERIFIED)),
    Badge("good-answer", _("Good answer"), BRONZE, _("An answer reached a score of 10."),
          (A.ANSWER_UPVOTED,), partial(_score_at_least, 10), multiple=True),
    Badge("great-answer", _("Great answer"), SILVER, _("An answer reached a score of 25."),
          (A.ANSWER_UPVOTED,), partial(_score_at_least, 25), multiple=True),
    Badge("brilliant-answer", _("Brilliant answer"), GOLD,
          _("An answer reached a score of 50."),
          (A.ANSWER_UPVOTED,), partial(_score_at_least, 50), multiple=True),
    Badge("good-question", _("Good question"), BRONZE, _("A question reached a score of 10."),
          (A.QUESTION_UPVOTED,), partial(_score_at_least, 10), multiple=True),
    Badge("great-question", _("Great question"), SILVER,
          _("A question reached a score of 25."),
          (A.QUESTION_UPVOTED,), partial(_score_at_least, 25), multiple=True),
    Badge("curious", _("Curious"), BRONZE, _("Asked 5 questions that others up-voted."),
          (A.QUESTION_UPVOTED,), partial(_well_received_questions, 5)),
    Badge("helper", _("Helper"), SILVER, _("Had 10 answers accepted."),
          (A.ANSWER_ACCEPTED,), _count_at_least(10, A.ANSWER_ACCEPTED)),
    Badge("guru", _("Guru"), GOLD, _("Had 50 answers accepted."),
          (A.ANSWER_ACCEPTED,), _count_at_least(50, A.ANSWER_ACCEPTED)),
    Badge("expert", _("Expert"), GOLD, _("Had 25 answers accepted in one tag."),
          (A.ANSWER_ACCEPTED,), partial(_accepted_in_one_tag, 25), multiple=True),
    Badge("product-specialist", _("Product specialist"), SILVER,
          _("Had 10 answers accepted about one product."),
          (A.ANSWER_ACCEPTED,), partial(_accepted_for_one_product, 10), multiple=True),
    Badge("polyglot", _("Polyglot"), SILVER, _("Had answers accepted in Dutch and in English."),
          (A.ANSWER_ACCEPTED,), _bilingual),
    Badge("deflector", _("Deflector"), SILVER,
          _("Answers confirmed to solve 10 shoppers' problems."),
          (A.DEFLECTION,), _count_at_least(10, A.DEFLECTION)),
    Badge("lighthouse", _("Lighthouse"), GOLD,
          _("Answers confirmed to solve 100 shoppers' problems."),
          (A.DEFLECTION,), _count_at_least(100, A.DEFLECTION)),
    Badge("citizen", _("Citizen"), SILVER, _("Raised 10 flags that moderators upheld."),
          (A.FLAG_RAISED_UPHELD,), _count_at_least(10, A.FLAG_RAISED_UPHELD)),
    Badge("steadfast", _("Steadfast"), GOLD, _("Answered questions on 7 days in a row."),
          (A.ANSWER_POSTED,), partial(_consecutive_days, 7)),
    Badge("promoted", _("Promoted"), SILVER, _("An answer was turned into a help article."),
          (A.ANSWER_PROMOTED,), _per_post, multiple=True),
    Badge("civic-duty", _("Civic duty"), SILVER, _("Voted 100 times."),
          (A.VOTE_CAST, A.DOWNVOTE_CAST), _count_at_least(100, A.VOTE_CAST, A.DOWNVOTE_CAST)),
]  # fmt: skip
BY_SLUG = {badge.slug: badge for badge in BADGES}


def award_for(*, user, event: ReputationEvent) -> list[BadgeAward]:
    """Award the badges whose rules hold now that `event` is recorded. Idempotent: an award
    that exists (or is created concurrently) is skipped. Returns the new awards; each is
    announced through `signals.badge_awarded` once the transaction commits."""
    candidates = [badge for badge in BADGES if event.reason in badge.triggers]
    if not candidates:
        return []
    held = set(
        BadgeAward.objects.filter(user=user, badge__in=[b.slug for b in candidates]).values_list(
            "badge", "award_key"
        )
    )
    new = []
    for badge in candidates:
        if not badge.multiple and (badge.slug, "") in held:
            continue
        for key in badge.check(user, event):
            if (badge.slug, key) not in held and (made := award(user, badge, key)):
                new.append(made)
    return new


def award(user, badge: Badge, key: str, *, announce: bool = True) -> BadgeAward | None:
    """Create the award unless it exists; with `announce`, send `badge_awarded` after commit.
    None when the member already has it (the constraint keeps it to one under races)."""
    try:
        with transaction.atomic():
            created = BadgeAward.objects.create(user=user, badge=badge.slug, award_key=key)
    except IntegrityError:
        return None  # Awarded by a concurrent request: the constraint kept it to one.
    if announce:
        transaction.on_commit(
            lambda: badge_awarded.send(sender=BadgeAward, user=user, award=created, badge=badge)
        )
    return created
