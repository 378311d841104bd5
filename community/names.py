"""Public names (usernames and display names) a member may choose.

Staff-like names ("Mila de Moderator", "Klantenservice Vraagbaak") are reserved for staff,
and a name must show at least one visible character: zero-width, bidi-control and other
invisible-only names are refused. Names are compared after folding case, accents, spacing
and look-alike letters (Cyrillic "о", digits as letters), so "M0d3rat0r" is still reserved.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

RESERVED = ("moderator", "klantenservice", "vraagbaak", "admin", "support", "medewerker")
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that look like Latin ones (a small table of the usual tricks, not all of Unicode).
LOOKALIKES = str.maketrans(
    "аеорсхуікмнтвѕјӏɑοеΑΒΕΗΙΚΜΝΟΡΤΧΥαειкνρτυχ0134578@$|!",
    "aeopcxyikmhtbsjlaoeabehikmnoptxyaeikvptuxoieastbasli",
)


def fold(name: str) -> str:
    """Lower-case Latin letters and digits-as-letters, separated by single spaces."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(LOOKALIKES)
    return re.sub(r"[^a-z]+", " ", text).strip()


def is_reserved(name: str) -> bool:
    words = fold(name).split()
    joined = "".join(words)
    return any(
        joined.startswith(term) or any(w.startswith(term) or w.endswith(term) for w in words)
        for term in RESERVED
    )


def has_visible_character(name: str) -> bool:
    return any(
        not c.isspace() and unicodedata.category(c) not in {"Cf", "Cc", "Mn", "Me", "Zs", "Co"}
        for c in name
    )


def check_public_name(name: str, *, staff: bool = False) -> None:
    """ValidationError with a readable message for a name a member may not use. Staff may
    use the reserved words (their role is real); nobody may use an invisible name."""
    if not name:
        return
    if any(c in BIDI_CONTROLS for c in name) or not has_visible_character(name):
        raise ValidationError(
            _("Use a name with visible letters or digits, without invisible characters.")
        )
    if not staff and is_reserved(name):
        raise ValidationError(
            _(
                "Names that look like staff (such as moderator, klantenservice or vraagbaak) "
                "are kept for our team. Choose another name."
            )
        )
