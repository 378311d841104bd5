"""Text analysis for the Whoosh index: one analyzer per content language, plus the helper
fields that make matching forgiving (compound parts, prefixes, spelling)."""

from functools import cache

from whoosh.analysis import (
    CharsetFilter,
    LanguageAnalyzer,
    LowercaseFilter,
    NgramWordAnalyzer,
    RegexTokenizer,
)
from whoosh.support.charset import accent_map

LANGUAGES = ("nl", "en")


@cache
def language_analyzer(language: str):
    """Whoosh's LanguageAnalyzer (tokenise, lowercase, stop words, Snowball stemmer) with accent
    folding inserted before the stop words and stemmer, so "café", "cafe" and "Cafés" meet
    (folding after stemming would let the stemmer treat "é" and "e" differently)."""
    analyzer = LanguageAnalyzer(language)
    analyzer.items.insert(2, CharsetFilter(accent_map))
    return analyzer


@cache
def plain_analyzer():
    """Unstemmed, folded words: the vocabulary behind "did you mean" and typo tolerance."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def gram_analyzer():
    """Character 4-grams of each folded word. Dutch glues nouns together ("retourformulier",
    "wasmachinedeur"); matching on grams lets "formulier" or "wasmachine" find the compound
    without a decompounding dictionary. Kept on a low-boost secondary field."""
    return NgramWordAnalyzer(minsize=4, maxsize=4, tokenizer=RegexTokenizer()) | CharsetFilter(
        accent_map
    )


@cache
def prefix_analyzer():
    """Edge n-grams (2-15 chars) for as-you-type suggestions on titles."""
    return NgramWordAnalyzer(minsize=2, maxsize=15, at="start") | CharsetFilter(accent_map)


def fold(text: str) -> str:
    """Lowercase, accent-folded words joined by single spaces: the normalised query."""
    return " ".join(token.text for token in plain_analyzer()(text))
