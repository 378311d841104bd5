"""Markdown from members, rendered once on save to HTML we are willing to serve.

Two layers, on purpose: the Markdown parser never passes raw HTML through (its HTML block and
inline processors are removed, so `<script>` arrives as text), and whatever it produced is then
cleaned by nh3 against a short allow-list. Links may only use http(s)/mailto and always get
`rel="nofollow ugc noopener"` (a bare http(s) address becomes a link too), so a post can't
lend our ranking to spam or reach `window.opener`.
"""

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as etree  # noqa: S405 - builds elements, never parses

import markdown as markdown_lib
import nh3
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th",
        "td", "del",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}}
ALLOWED_CLASSES = {
    "a": {"mention"},
    "code": {
        f"language-{x}"
        for x in (
            "python",
            "bash",
            "json",
            "html",
            "css",
            "js",
            "javascript",
            "text",
            "sql",
            "xml",
            "yaml",
        )
    },
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
SAFE_HREF_PREFIXES = ("http://", "https://", "mailto:", "/")

# A handle as allauth allows it (letters, digits and @.+-_), not preceded by a word character
# so that e-mail addresses are not read as mentions.
MENTION_RE = r"(?<![\w@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.+-]{0,148}[A-Za-z0-9_])?)"


@dataclass
class Rendered:
    html: str
    mentions: list[str] = field(default_factory=list)
    links: int = 0


class _MentionProcessor(InlineProcessor):
    def __init__(self, pattern, md, known):
        super().__init__(pattern, md)
        self.known = known
        self.found: list[str] = []

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        username = m.group(1)
        if username.lower() not in self.known:
            return None, None, None
        if username not in self.found:
            self.found.append(username)
        try:
            href = reverse("community:profile", kwargs={"username": username})
        except NoReverseMatch:
            return None, None, None
        link = etree.Element("a", {"href": href, "class": "mention"})
        link.text = f"@{username}"
        return link, m.start(0), m.end(0)


# A bare http(s) address, not part of a word or of Markdown link syntax; trailing punctuation
# (a full stop, a closing bracket) ends the sentence, not the address. Other schemes
# (javascript:, data:) are never matched and stay text.
BARE_URL_RE = (
    r"(?<![\w/@\[(<\"'=])(https?://[^\s<>\[\]()\"'`]+[^\s<>\[\]()\"'`.,;:!?*_~])"
)


class _BareUrlProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API
        link = etree.Element("a", {"href": m.group(1)})
        link.text = markdown_lib.util.AtomicString(m.group(1))
        return link, m.start(0), m.end(0)


class _NoLinksInLinks(Treeprocessor):
    """`[https://a.nl](https://a.nl)`: the address in the link's text stays text."""

    def run(self, root):
        for outer in root.iter("a"):
            for parent in list(outer.iter()):
                for inner in [child for child in parent if child.tag == "a"]:
                    _unwrap(parent, inner)


def _unwrap(parent, child) -> None:
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


def candidate_mentions(text: str) -> set[str]:
    """Every @handle in `text` (before checking who exists); lower-cased."""
    return {name.lower() for name in re.findall(MENTION_RE, text)}


def render(text: str, *, known_usernames=frozenset(), language: str | None = None) -> Rendered:
    """Sanitised HTML for member Markdown `text`.

    `known_usernames` (lower-cased) are the handles that become profile links and are reported
    in `mentions`; anything else stays plain text. Profile links are reversed in `language`
    (the post's locale). Headings start at h3 so a post never competes with the page's h1/h2.
    """
    md = markdown_lib.Markdown(extensions=["fenced_code", "sane_lists", "tables"])
    # No raw HTML from members at all: it becomes escaped text, never markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    mentions = _MentionProcessor(MENTION_RE, md, set(known_usernames))
    md.inlinePatterns.register(mentions, "mention", 95)
    # Below Markdown's own links (160) and autolinks (120), so [text](url) stays one link.
    md.inlinePatterns.register(_BareUrlProcessor(BARE_URL_RE, md), "bare_url", 110)
    md.treeprocessors.register(_NoLinksInLinks(md), "no_links_in_links", 15)
    with translation.override(language or translation.get_language()):
        html = md.convert(text or "")
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_safe_attribute,
    )
    return Rendered(html=clean, mentions=mentions.found, links=clean.count('<a href="http'))


def _safe_attribute(tag: str, name: str, value: str) -> str | None:
    # nh3 lets relative URLs through; browsers drop tabs and newlines inside a URL, so only
    # keep hrefs that are plainly absolute http(s)/mailto or site-relative paths.
    if name != "href":
        return value
    if value.startswith(SAFE_HREF_PREFIXES) and not any(c.isspace() for c in value):
        return value
    return None


def count_links(text: str) -> int:
    """External links a member's Markdown would produce (for new-account limits)."""
    return len(re.findall(r"https?://", text or "", flags=re.IGNORECASE))
