"""What already answers a contact request, from search: the best help-centre article or FAQ
entry with the passage that answers (the matching section, the FAQ answer), answered
community questions and announcements that match (by words, or by region for a postcode)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import strip_tags

from search import selectors as search
from search.analysis import language_analyzer

PASSAGE_CHARS = 600
COMMUNITY_LIMIT = 3

# The first two digits of a Dutch postcode and the province (or region) they lie in, in the
# words announcements use ("levering vertraagd in Friesland").
PROVINCES = [
    (10, 11, "Amsterdam Noord-Holland"), (12, 21, "Noord-Holland"), (22, 33, "Zuid-Holland"),
    (34, 39, "Utrecht"), (40, 41, "Gelderland"), (42, 42, "Zuid-Holland"),
    (43, 45, "Zeeland"), (46, 59, "Noord-Brabant"), (60, 64, "Limburg"),
    (65, 73, "Gelderland"), (74, 77, "Overijssel"), (78, 79, "Drenthe"),
    (80, 83, "Overijssel Flevoland"), (84, 92, "Friesland Fryslân"), (93, 99, "Groningen"),
]


def province(postcode: str) -> str:
    digits = "".join(c for c in postcode or "" if c.isdigit())[:2]
    if len(digits) < 2:
        return ""
    number = int(digits)
    return next((name for low, high, name in PROVINCES if low <= number <= high), "")


@dataclass
class Passage:
    key: str
    type: str
    title: str
    heading: str
    text: str
    url: str


@dataclass
class Answers:
    best: Passage | None = None
    community: list = field(default_factory=list)
    announcements: list = field(default_factory=list)
    shown: list[dict] = field(default_factory=list)  # what was shown, for the ticket's trail

    def __bool__(self):
        return bool(self.best or self.community or self.announcements)


def _words(text: str, language: str) -> set[str]:
    return {t.text for t in language_analyzer(language)(text) if len(t.text) > 2}


def _sections(page) -> list[tuple[str, str, str]]:
    """(heading, anchor, text) of each part of an article body, split at its headings."""
    from kb.blocks import heading_anchor

    sections, heading, anchor, parts = [], "", "", []
    for block in page.body:
        if block.block_type == "heading":
            if parts:
                sections.append((heading, anchor, " ".join(parts)))
            heading, anchor, parts = block.value["text"], heading_anchor(block.value["text"]), []
            continue
        chunks = block.block.get_searchable_content(block.value)
        parts.append(" ".join(strip_tags(str(c)) for c in chunks))
    if parts:
        sections.append((heading, anchor, " ".join(parts)))
    return sections


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PASSAGE_CHARS else text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"


def article_passage(hit, query: str, language: str) -> Passage | None:
    from kb.models import ArticlePage

    page = ArticlePage.objects.filter(pk=hit.key.partition(":")[2] or 0).first()
    if page is None:
        return None
    wanted = _words(query, language)
    sections = _sections(page) or [("", "", page.intro)]
    heading, anchor, text = max(
        sections, key=lambda s: len(wanted & _words(f"{s[0]} {s[2]}", language))
    )
    url = f"{hit.url}#{anchor}" if anchor else hit.url
    return Passage(hit.key, hit.type, hit.title, heading, _clip(text), url)


def faq_passage(hit) -> Passage | None:
    from kb.models import FaqPage

    group, _sep, anchor = hit.key.partition("#")
    page = FaqPage.objects.filter(pk=group.partition(":")[2] or 0).first()
    entry = next((q for q in page.questions if q["anchor"] == anchor), None) if page else None
    if entry is None:
        return None
    return Passage(hit.key, hit.type, hit.title, entry["question"],
                   _clip(strip_tags(str(entry["answer"]))), hit.url)


def answers_for(*, text: str, language: str, topic=None, postcode: str = "") -> Answers:
    """The best KB passage, up to three answered community questions, and announcements for
    this request. Costs the backend search plus a few queries (one page load, announcements)."""
    query = " ".join(f"{topic.name if topic else ''} {text}".split())[:200]
    result = search.search(query=query, language=language)
    answers = Answers()
    for hit in result.response.hits:
        if answers.best is None and hit.type == "article":
            answers.best = article_passage(hit, query, language)
        elif answers.best is None and hit.type == "faq":
            answers.best = faq_passage(hit)
        elif hit.type == "question" and len(answers.community) < COMMUNITY_LIMIT:
            answers.community.append(hit)
    region = province(postcode)
    announcements = list(result.announcements)
    if region:
        seen = {a.pk for a in announcements}
        announcements += [a for a in search.matching_announcements(f"{region} {query}", language)
                          if a.pk not in seen]
    answers.announcements = announcements
    if answers.best:
        answers.shown.append({"key": answers.best.key, "title": answers.best.title,
                              "url": answers.best.url})
    answers.shown += [{"key": h.key, "title": h.title, "url": h.url} for h in answers.community]
    return answers
