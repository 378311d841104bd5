"""Line and word diffs of post text, for the suggested-edits review.

The result is plain data (lines of pieces marked same/add/remove); templates render it with
<ins> and <del> and Django's escaping, so a post's HTML is shown as text and no markup or
style comes from here."""

import difflib
import re
from dataclasses import dataclass

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "add" or "remove"
    text: str


@dataclass(frozen=True)
class Line:
    op: str  # "same", "add", "remove" or "change" (pieces of both)
    pieces: tuple[Piece, ...]


def words(old: str, new: str) -> tuple[Piece, ...]:
    """`old` → `new` word by word (whitespace and punctuation are their own tokens)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("remove", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("add", "".join(b[j1:j2])))
    return tuple(pieces)


def lines(old: str, new: str) -> list[Line]:
    """`old` → `new` line by line; a replaced line is paired with its replacement and shown
    as a word diff. No queries; linear in practice for posts (at most 10,000 characters)."""
    a, b = old.splitlines(), new.splitlines()
    result = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += [Line("same", (Piece("same", text),)) for text in a[i1:i2]]
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        paired = min(len(old_part), len(new_part)) if tag == "replace" else 0
        for before, after in zip(old_part[:paired], new_part[:paired], strict=True):
            result.append(Line("change", words(before, after)))
        result += [Line("remove", (Piece("remove", text),)) for text in old_part[paired:]]
        result += [Line("add", (Piece("add", text),)) for text in new_part[paired:]]
    return result
