"""The reputation rules: one table of what each reason is worth, overridable in settings.

`settings.GAMIFICATION = {"POINTS": {ANSWER_UPVOTED: 5}, "DAILY_VOTE_CAP": 150}` changes the
numbers without touching code; the kinds of rule (capped, needs another actor) stay here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Points earned from other people's actions.
QUESTION_UPVOTED = "question_upvoted"
ANSWER_UPVOTED = "answer_upvoted"
QUESTION_DOWNVOTED = "question_downvoted"
ANSWER_DOWNVOTED = "answer_downvoted"
DOWNVOTE_CAST = "downvote_cast"
ANSWER_ACCEPTED = "answer_accepted"
ACCEPTED_ASKER = "accepted_asker"
ANSWER_VERIFIED = "answer_verified"
FLAG_UPHELD = "flag_upheld"
SUGGESTED_EDIT_APPROVED = "suggested_edit_approved"
DEFLECTION = "deflection"
# Granted or taken by staff in the admin, with a reason.
MANUAL = "manual"
# Zero-point activity, recorded so badges can count it without asking `community`.
QUESTION_ASKED = "question_asked"
ANSWER_POSTED = "answer_posted"
VOTE_CAST = "vote_cast"
POST_EDITED = "post_edited"
FLAG_RAISED_UPHELD = "flag_raised_upheld"
ANSWER_PROMOTED = "answer_promoted"


@dataclass(frozen=True)
class Rule:
    reason: str
    points: int
    label: str
    # Counts toward the daily cap on reputation from votes.
    capped: bool = False
    # Earned only when someone else caused it: no points for voting on or accepting your own post.
    needs_other_actor: bool = False
    # A vote, for serial-voting detection.
    is_vote: bool = False


RULES: dict[str, Rule] = {
    rule.reason: rule
    for rule in [
        Rule(QUESTION_UPVOTED, 10, _("Question up-voted"), True, True, True),
        Rule(ANSWER_UPVOTED, 10, _("Answer up-voted"), True, True, True),
        Rule(QUESTION_DOWNVOTED, -2, _("Question down-voted"), False, True, True),
        Rule(ANSWER_DOWNVOTED, -2, _("Answer down-voted"), False, True, True),
        Rule(DOWNVOTE_CAST, -1, _("Down-voted an answer")),
        Rule(ANSWER_ACCEPTED, 15, _("Answer accepted"), needs_other_actor=True),
        Rule(ACCEPTED_ASKER, 2, _("Accepted an answer"), needs_other_actor=True),
        Rule(ANSWER_VERIFIED, 15, _("Answer verified by staff"), needs_other_actor=True),
        Rule(FLAG_UPHELD, -100, _("Post flagged as spam or rude")),
        Rule(SUGGESTED_EDIT_APPROVED, 2, _("Suggested edit approved"), needs_other_actor=True),
        Rule(DEFLECTION, 5, _("Answer solved a shopper's problem"), needs_other_actor=True),
        Rule(MANUAL, 0, _("Adjusted by staff")),
        Rule(QUESTION_ASKED, 0, _("Asked a question")),
        Rule(ANSWER_POSTED, 0, _("Answered a question")),
        Rule(VOTE_CAST, 0, _("Voted")),
        Rule(POST_EDITED, 0, _("Edited a post")),
        Rule(FLAG_RAISED_UPHELD, 0, _("Flag upheld")),
        Rule(ANSWER_PROMOTED, 0, _("Answer promoted to an article")),
    ]
}

STARTING_REPUTATION = 1
DEFAULT_DAILY_VOTE_CAP = 200


def _overrides() -> dict:
    return getattr(settings, "GAMIFICATION", {}) or {}


def rule_for(reason: str) -> Rule:
    """The rule for `reason` with any settings override of its points; ValueError if unknown."""
    try:
        rule = RULES[reason]
    except KeyError:
        raise ValueError(f"Unknown reputation reason {reason!r}") from None
    points = _overrides().get("POINTS", {}).get(reason)
    if points is None:
        return rule
    return Rule(rule.reason, points, rule.label, rule.capped, rule.needs_other_actor, rule.is_vote)


def daily_vote_cap() -> int:
    return int(_overrides().get("DAILY_VOTE_CAP", DEFAULT_DAILY_VOTE_CAP))


def vote_reasons() -> list[str]:
    return [rule.reason for rule in RULES.values() if rule.is_vote]


def capped_reasons() -> list[str]:
    return [rule.reason for rule in RULES.values() if rule.capped]
