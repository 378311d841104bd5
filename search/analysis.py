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


def fold(text: str) -> str:
    """Lowercase, accent-folded words joined by single spaces: the normalised query."""
    return " ".join(token.text for token in plain_analyzer()(text))


# Words shoppers wrap around a question ("hi, I need help, I want to know when my order...")
# that carry no topic. They stay in the query at a low weight, so they can break a tie but not
# decide it; words found in a large share of the documents are treated the same way
# (`FILLER_SHARE`). Written by us from support-chat phrasing; folded, unstemmed.
def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


FILLER = {
    "nl": _wordlist(
        """
        hallo hoi hey beste goedemorgen goedemiddag goedenavond dag graag alsjeblieft
        aub bedankt dank dankjewel bvd help hulp helpen wil wilde willen wou zou zouden
        moet moeten kan kun kunnen kunt mag mogen weet weten wet vraag vraagje vragen
        even snel nou nu toch gewoon echt heel erg al nog weer laat later zien kijken
        check checken wachten wacht uur uren dag dagen iemand iets ding dingen mijn
        jullie je jij ik we wij u uw zo hoe wat waar wanneer waarom welke wie er dit dat
        deze die het een de van voor met op in aan bij om te naar is zijn heb hebben
        heeft krijg krijgen doe doen gaat gaan ga keer probleem problemen please
        """
    ),
    "en": _wordlist(
        """
        hi hello hey dear thanks thank thx please pls plz help helping need needs want
        wanted wanna gonna know knowing wondering wonder question questions ask asking
        check checking wait waiting still again just really very quick quickly someone
        something thing things anyone can could would should will do does did get got
        getting my me i im ive you your we our us it its is are was were be been am the
        a an of for to in on at with how what where when why which who this that there
        here have has had any some guys hours hour days day now yet already ok okay
        issue problem
        """
    ),
}
FILLER_SHARE = 0.3  # a word in more than 30 % of a language's documents is filler too
FILLER_BOOST = 0.15


def is_filler(word: str, language: str) -> bool:
    return word in FILLER.get(language, FILLER["nl"])


MAX_PARTS = 4


def split_glued(word: str, known) -> list[str]:
    """The parts of an unknown long word glued from known words, fewest parts first (at most
    `MAX_PARTS`): "deliveryaddress" -> ["delivery", "address"], "tocancel" -> ["to", "cancel"],
    three-part Dutch compounds and run-together questions too ("klantenservicenummer" ->
    ["klantenservice", "nummer"] or, failing that, three parts). A Dutch linking s is dropped
    ("verjaardagsherinnering" -> ["verjaardag", "herinnering"]). [] when the word is known or
    does not split into known words. `known(word)` says whether the index has the word; it is
    asked at most once per piece."""
    if len(word) < 7 or known(word):
        return []
    memo: dict[str, bool] = {}

    def is_known(piece: str) -> bool:
        if piece not in memo:
            memo[piece] = known(piece)
        return memo[piece]

    for parts in range(2, MAX_PARTS + 1):
        found = _segment(word, is_known, parts)
        if found:
            return found
    return []


def _segment(word: str, known, parts: int) -> list[str] | None:
    """`word` as exactly `parts` known pieces, the longest first piece first; the last piece
    has at least 3 letters, the others at least 2 (a linking s does not count)."""
    if parts == 1:
        return [word] if len(word) >= 3 and known(word) else None
    for cut in range(len(word) - 3 * (parts - 1) + (parts - 2), 1, -1):
        head, rest = word[:cut], word[cut:]
        heads = [head] if known(head) else []
        if head.endswith("s") and len(head) > 4 and known(head[:-1]):
            heads.append(head[:-1])
        for piece in heads:
            tail = _segment(rest, known, parts - 1)
            if tail:
                return [piece, *tail]
    return None


# A greeting before the question ("Beste klantenservice,", "Hallo allemaal,", "Hi there,"):
# the words up to the first comma, when the query opens with one of these and the comma comes
# within the first few words.
SALUTATIONS = _wordlist(
    """
    hallo hoi hey hai beste geachte goedemorgen goedemiddag goedenavond goedendag dag
    hi hello dear morning afternoon evening greetings
    """
)
SALUTATION_WORDS = 4


def strip_salutation(text: str) -> str:
    """`text` without an opening greeting; unchanged when nothing would be left."""
    head, comma, rest = text.partition(",")
    words = fold(head).split()
    if not comma or not words or words[0] not in SALUTATIONS or len(words) > SALUTATION_WORDS:
        return text
    return rest.strip() or text


def edit_distance(a: str, b: str) -> int:
    """Typing errors between two words: insertions, deletions, substitutions and swaps of two
    neighbouring letters each cost 1 (optimal string alignment), so "retuor" is one typo away
    from "retour" and "storm" two from "start"."""
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, 1):
        row = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
