"""One normalised form per query, so that "Retourlabels kwijt", "retourlabel kwijt!" and
"kwijt retourlabel" count as the same need on the dashboard, and so do "retourneren" and
"retour"."""

from search.analysis import LANGUAGES, language_analyzer

# Verb and noun endings the Snowball stemmers leave on ("retourneren" -> "retourner"). Cut only
# when a stem of at least MIN_STEM letters remains, so "retourlabel" stays itself.
DERIVATION_SUFFIXES = ("neren", "eren", "ner", "ing", "er", "en")
MIN_STEM = 5


def normalise_query(query: str, language: str) -> str:
    """The query's stems (search's own analyser for the language: folded, stop words removed,
    Snowball-stemmed, derivation endings cut), de-duplicated and sorted; "" when nothing
    meaningful is left."""
    analyzer = language_analyzer(language if language in LANGUAGES else LANGUAGES[0])
    stems = {_root(token.text) for token in analyzer(query[:200])}
    return " ".join(sorted(stems))


def _root(stem: str) -> str:
    for suffix in DERIVATION_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
            return stem[: -len(suffix)]
    return stem
