"""Which products shoppers ask about, and what they ask for that the shop does not sell.

A text (a search, a question's title, a ticket's subject) mentions a product of kb's catalogue
when one of the product's names occurs in it as whole words: its name in any language, its SKU,
its slug as words ("aroma 300") and the slug's first word when that reads as a model name
("zephyr"). A "wish" is what follows a have-you-got phrase ("hebben jullie ook een …",
"do you sell …") when it names no product: the catalogue does not have it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from search.analysis import fold

# Up to this many words after a have-you-got phrase name the thing asked for.
MAX_WISH_WORDS = 4
MIN_MODEL_NAME = 4

# Our own small pattern set, on folded clauses (lowercase, no accents or punctuation).
WISH_PATTERNS = [re.compile(pattern) for pattern in (
    r"\b(?:hebben|heeft|verkopen|verkoopt|leveren|voeren) (?:jullie|je|u)"
    r"(?: ook| nog| wel| eigenlijk)*(?: een| de| het| die| deze)? (?P<thing>.+)$",
    r"\b(?:is|zijn) er (?:ook|nog)(?: een)? (?P<thing>.+?)(?: te koop| verkrijgbaar)?$",
    r"\b(?:have|has) you (?:also )?got(?: any| a| an| the)? (?P<thing>.+)$",
    r"\bdo you (?:also |still |even )?(?:have|sell|stock|carry)(?: any| a| an| the)?"
    r" (?P<thing>.+)$",
)]
# Words that end the thing asked for rather than belong to it.
TRAILING = {"te", "koop", "in", "het", "de", "assortiment", "winkel", "ook", "nog", "meer",
            "for", "sale", "stock", "too", "as", "well", "please", "graag"}
CLAUSE = re.compile(r"[?!.,;:\n]+")


@dataclass(frozen=True)
class Catalogue:
    """The product names to look for: slug -> set of folded names."""

    names: dict[str, frozenset[str]]

    @classmethod
    def from_products(cls, rows: Iterable[tuple[str, str, str]]) -> Catalogue:
        """`rows` are (slug, name, sku) for every product in every language."""
        names: dict[str, set[str]] = {}
        for slug, name, sku in rows:
            words = slug.replace("-", " ")
            found = names.setdefault(slug, set())
            found.update(n for n in (fold(name), fold(sku), fold(words)) if n)
            model = words.split()[0] if words else ""
            if len(model) >= MIN_MODEL_NAME and not model.isdigit():
                found.add(model)
        return cls({slug: frozenset(found) for slug, found in names.items()})

    def products_in(self, text: str) -> set[str]:
        """Slugs of the products `text` names."""
        folded = f" {fold(text)} "
        return {slug for slug, names in self.names.items()
                if any(f" {name} " in folded for name in names)}


def wishes(text: str, catalogue: Catalogue) -> list[str]:
    """The things `text` asks the shop to have that name no product of the catalogue, folded
    ("hebben jullie ook een espressomachine?" -> ["espressomachine"])."""
    found = []
    for clause in CLAUSE.split(text[:500]):
        folded = fold(clause)
        for pattern in WISH_PATTERNS:
            match = pattern.search(folded)
            if match is None:
                continue
            thing = _trim(match.group("thing").split()[:MAX_WISH_WORDS])
            if thing and not catalogue.products_in(thing):
                found.append(thing)
            break
    return found


def _trim(words: list[str]) -> str:
    while words and words[-1] in TRAILING:
        words.pop()
    return " ".join(words)
