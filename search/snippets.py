"""How a search snippet says it is an excerpt: one that does not start at the beginning of its
text starts with "…", one that stops before the end ends with "…". Both backends call
`frame()` on the highlighted HTML they made, with the plain text it was cut from; a snippet
without highlights is `excerpt()` of the text."""

import html
import re

ELLIPSIS = "…"
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")
# Where fragments are joined (Whoosh's " … ", ts_headline's " ... ") or already framed.
_DELIMITER = re.compile(r"\s*(?:…|\.\.\.)\s*")


def frame(snippet: str, text: str) -> str:
    """`snippet` (escaped HTML with <mark> tags, fragments of `text` joined by an ellipsis)
    with "…" before it unless it starts where `text` starts, and after it unless it ends where
    `text` ends (compared word by word). Joins of fragments become " … "; an empty snippet
    stays empty."""
    snippet = snippet.strip()
    if not snippet:
        return snippet
    fragments = [f.strip() for f in _DELIMITER.split(snippet) if _plain(f)]
    if not fragments:
        return ""
    source = _words(text)
    first, last = _plain(fragments[0]), _plain(fragments[-1])
    body = f" {ELLIPSIS} ".join(fragments)
    if source[: len(first)] != first:
        body = f"{ELLIPSIS} {body}"
    if source[len(source) - len(last) :] != last:
        body = f"{body} {ELLIPSIS}"
    return body


def excerpt(text: str, limit: int) -> str:
    """The start of plain `text`, HTML-escaped, cut at the last space within `limit`
    characters (a word is never cut in two); `frame()` then adds the "…"."""
    text = text.strip()
    if len(text) <= limit:
        return html.escape(text, quote=False)
    cut = text[: limit + 1]
    if not cut[-1].isspace() and any(c.isspace() for c in cut):
        cut = cut.rsplit(None, 1)[0]  # the last word ran past the limit
    return html.escape(cut[:limit].rstrip(" ,;:-"), quote=False)


def _plain(fragment: str) -> list[str]:
    """The words of an HTML fragment, tags dropped and entities unescaped."""
    return _words(html.unescape(_TAG.sub("", fragment)))


def _words(text: str) -> list[str]:
    """Punctuation and whitespace never decide whether a snippet starts or ends its text."""
    return _WORD.findall(text.casefold())
