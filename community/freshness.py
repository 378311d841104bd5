"""What counts as a material change to a help article, and which answers link to one.

Pure functions over plain values; community.signal_handlers feeds them Wagtail revisions and
community.services.freshness acts on the result.
"""

import difflib
import html
import re
from urllib.parse import urlparse

WORD_RE = re.compile(r"\w+", re.UNICODE)
TAG_RE = re.compile(r"<[^>]+>")
HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Two spellings of one word at least this similar are a typo fix, not a change of meaning.
TYPO_SIMILARITY = 0.8
# Fields of a page whose text shoppers read as the article (the title is not one of them).
TEXT_FIELDS = ("intro", "body")


def words(text: str) -> list[str]:
    """The words of `text` without markup, case or punctuation."""
    return WORD_RE.findall(html.unescape(TAG_RE.sub(" ", text)).casefold())


def _is_typo(old: str, new: str) -> bool:
    if any(ch.isdigit() for ch in old + new):
        return False  # "3 maanden" → "6 maanden" changes what the article says
    return difflib.SequenceMatcher(None, old, new).ratio() >= TYPO_SIMILARITY


def changed_words(old: str, new: str) -> int:
    """How many words were added, removed or replaced between two texts, not counting
    whitespace, punctuation, case and typo fixes (a word replaced by a near spelling)."""
    before, after = words(old), words(new)
    count = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old_part, new_part = before[i1:i2], after[j1:j2]
        if op == "replace" and len(old_part) == len(new_part):
            count += sum(not _is_typo(a, b) for a, b in zip(old_part, new_part, strict=True))
        else:
            count += max(len(old_part), len(new_part))
    return count


def is_material_change(old: str, new: str) -> bool:
    """Whether a shopper reading `new` learns something different from `old`: any word
    added, removed or replaced by a different one (or a different number)."""
    return changed_words(old, new) > 0


def _strings(value) -> list[str]:
    """Every string inside a StreamField's raw data (nested blocks, lists, structs)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key not in ("id", "type") for s in
                _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def page_text(page) -> str:
    """The readable text of a page (its intro and body), for comparing two revisions."""
    parts = []
    for name in TEXT_FIELDS:
        value = getattr(page, name, None)
        if value is None:
            continue
        raw = value.get_prep_value() if hasattr(value, "get_prep_value") else value
        parts += _strings(raw)
    return " ".join(parts)


def link_paths(body_html: str) -> set[str]:
    """The paths (with a trailing slash) of every link in an answer's HTML."""
    paths = set()
    for href in HREF_RE.findall(body_html):
        path = urlparse(html.unescape(href)).path
        if path:
            paths.add(path if path.endswith("/") else f"{path}/")
    return paths
