"""Moving articles in from another help desk (`manage.py import_articles FILE`).

A file is CSV (a header row) or JSON (a list of objects, or {"articles": [...]}) with, per
article: `external_id`, `title`, `body` (HTML, or Markdown when `format` is "markdown"; a
`body_html` or `body_markdown` column works too), `category` (a path of category titles such as
"Retourneren en ruilen/Terugbetaling"; missing categories are created), `tags` (comma separated,
or a JSON list), `locale` ("nl" when empty) and optionally `intro`.

Each row is imported in its own transaction: a row that fails leaves nothing behind and the
other rows still import. Importing the same file again updates the pages it made before (found
by `ArticlePage.external_id` within the locale) and leaves unchanged ones alone.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from .models import ArticlePage, CategoryPage, HomePage

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "code", "h2", "h3",
                "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
MAX_TITLE = 255
_HEADING = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)


@dataclass
class RowError:
    line: int
    external_id: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def read_rows(path: str | Path) -> list[tuple[int, dict]]:
    """(line or position, row) pairs from a .csv or .json file; ValueError for other files."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            # The header is line 1, so the first article is on line 2.
            return [(number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data.get("articles", []) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ValueError("A JSON import file holds a list of articles.")
        return list(enumerate(items, start=1))
    raise ValueError(f"Cannot import {path.name}: use a .csv or .json file.")


def import_rows(rows: Iterable[tuple[int, dict]]) -> ImportReport:
    """Imports every row in its own transaction and reports what happened to each."""
    report = ImportReport()
    for line, row in rows:
        try:
            with transaction.atomic():
                outcome = import_article(row)
        except (ValidationError, ValueError, TypeError, KeyError) as error:
            ident = _text(row, "external_id") if isinstance(row, dict) else ""
            report.errors.append(RowError(line, ident, _describe(error)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


@transaction.atomic
def import_article(row: dict) -> str:
    """Creates or updates one published article from a row; returns "created", "updated" or
    "unchanged". Raises ValidationError (or ValueError) with a readable message for a bad row,
    after which the surrounding transaction leaves no trace of it."""
    if not isinstance(row, dict):
        raise ValueError("Each article must be an object with named fields.")
    external_id = _required(row, "external_id")
    title = _required(row, "title")[:MAX_TITLE]
    locale = _locale(_text(row, "locale") or settings.LANGUAGE_CODE)
    category = _category(locale, _required(row, "category"))
    body = body_blocks(_body_html(row))
    tags = _tags(row.get("tags"))
    intro = _text(row, "intro")[:300]

    page = ArticlePage.objects.filter(external_id=external_id, locale=locale).first()
    if page is None:
        page = ArticlePage(title=title, slug=_free_slug(category, title), external_id=external_id,
                           intro=intro, body=body, locale=locale)
        page.tags.set(tags)
        category.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        return "created"
    if page.get_parent().pk != category.pk:
        page.move(category, pos="last-child")
        page.refresh_from_db()
    elif _same(page, title, intro, body, tags):
        return "unchanged"
    page.title, page.intro, page.body = title, intro, body
    page.tags.set(tags)
    page.save_revision(log_action=True).publish()
    return "updated"


def clean_html(html: str) -> str:
    """Only what an article's rich text can hold; scripts, styles, images and attributes go."""
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    html = re.sub(r"<(/?)h[56]\b", r"<\1h4", html)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None,
                     url_schemes={"http", "https", "mailto"}).strip()


def markdown_to_html(text: str) -> str:
    return clean_html(markdown.markdown(text, extensions=["extra", "sane_lists"]))


def body_blocks(html: str) -> list[tuple[str, object]]:
    """Top-level h2 headings become heading blocks (so long articles get a table of contents);
    the text between them becomes rich-text blocks."""
    blocks, position = [], 0
    for match in _HEADING.finditer(html):
        _add_text(blocks, html[position:match.start()])
        heading = nh3.clean(match.group(1), tags=set()).strip()
        if heading:
            blocks.append(("heading", {"text": heading[:120], "level": "h2"}))
        position = match.end()
    _add_text(blocks, html[position:])
    if not blocks:
        raise ValidationError("The article has no text.")
    return blocks


def _add_text(blocks: list, html: str) -> None:
    if nh3.clean(html, tags=set()).strip():
        blocks.append(("rich_text", html.strip()))


def _body_html(row: dict) -> str:
    if _text(row, "body_markdown"):
        return markdown_to_html(_text(row, "body_markdown"))
    if _text(row, "body_html"):
        return clean_html(_text(row, "body_html"))
    body = _required(row, "body")
    kind = (_text(row, "format") or "html").lower()
    if kind not in {"html", "markdown", "md"}:
        raise ValidationError(f"Unknown body format {kind!r}: use html or markdown.")
    return clean_html(body) if kind == "html" else markdown_to_html(body)


def _locale(code: str) -> Locale:
    if code not in dict(settings.LANGUAGES):
        raise ValidationError(f"Unknown locale {code!r}.")
    return Locale.objects.get_or_create(language_code=code)[0]


def _category(locale: Locale, path: str) -> CategoryPage:
    """The category at this path of titles below the locale's home page, creating (and
    publishing) any that are missing."""
    parent = HomePage.objects.filter(locale=locale).first()
    if parent is None:
        raise ValidationError(f"There is no help centre in locale {locale.language_code!r}.")
    for title in [part.strip() for part in path.split("/") if part.strip()]:
        found = CategoryPage.objects.child_of(parent).filter(title__iexact=title).first()
        if found is None:
            found = CategoryPage(title=title[:MAX_TITLE], slug=_free_slug(parent, title))
            parent.add_child(instance=found)
            found.save_revision(log_action=True).publish()
        parent = found
    if not isinstance(parent, CategoryPage):
        raise ValidationError("The category path is empty.")
    return parent


def _free_slug(parent, title: str) -> str:
    base = slugify(title)[:70] or "artikel"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _tags(value) -> list[str]:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list) else re.split(r"[,|]", str(value))
    return sorted({str(item).strip()[:100] for item in items if str(item).strip()})


def _same(page: ArticlePage, title, intro, body, tags) -> bool:
    current = [(child.block_type, _raw(child.value)) for child in page.body]
    wanted = [(kind, value) for kind, value in body]
    return (page.title, page.intro, current, sorted(t.name for t in page.tags.all())) == (
        title, intro, wanted, tags
    )


def _raw(value):
    return value.source if hasattr(value, "source") else dict(value)


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _required(row: dict, key: str) -> str:
    value = _text(row, key)
    if not value:
        raise ValidationError(f"{key} is empty.")
    return value


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in
                             error.message_dict.items())
        return " ".join(error.messages)
    return str(error)


def iter_report_lines(report: ImportReport) -> Iterator[str]:
    for error in report.errors:
        ident = f" ({error.external_id})" if error.external_id else ""
        yield f"line {error.line}{ident}: {error.message}"
