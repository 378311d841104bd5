"""Named levels by reputation, each unlocking privileges (see privileges.py)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Level:
    number: int
    minimum: int
    name: str


LEVELS = [
    Level(1, 1, _("Newcomer")),
    Level(2, 15, _("Member")),
    Level(3, 50, _("Regular")),
    Level(4, 125, _("Trusted helper")),
    Level(5, 500, _("Experienced helper")),
    Level(6, 1000, _("Expert")),
    Level(7, 2000, _("Mentor")),
    Level(8, 3000, _("Community hero")),
]


def level_for(total: int) -> Level:
    current = LEVELS[0]
    for level in LEVELS:
        if total >= level.minimum:
            current = level
    return current


def next_level(total: int) -> Level | None:
    return next((level for level in LEVELS if level.minimum > total), None)


def progress(total: int) -> int:
    """Percent of the way from the current level to the next (100 at the top level)."""
    current, upcoming = level_for(total), next_level(total)
    if upcoming is None:
        return 100
    span = upcoming.minimum - current.minimum
    return int(100 * (total - current.minimum) / span)
