"""The registered content types, one module per source app, plus what they share.

Indexed text is what snippets are cut from, so it holds only what a reader sees on the page:
no block labels (a heading's "Kop", a callout's "Waarschuwing"), no Markdown or HTML markup
and no tag names (tags are indexed on their own, see `Document.tags`)."""

import html
import re

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.search import index

# Closing or opening these elements separates words ("<p>a</p><p>b</p>" is "a b", not "ab").
_BREAKING_TAGS = re.compile(
    r"</?(?:p|br|li|ul|ol|h[1-6]|tr|td|th|pre|blockquote|div|table|hr)\b[^>]*>", re.I
)
# A block ending in one of these already ends its sentence.
_ENDS = set(".!?:;…")


def register_all() -> None:
    from . import community, kb  # noqa: F401  (registering is the import's effect)


def html_to_text(markup: str) -> str:
    """Readable plain text of HTML (rich text, or members' Markdown as rendered): tags out,
    entities decoded, words of adjacent blocks kept apart, whitespace collapsed."""
    text = html.unescape(strip_tags(_BREAKING_TAGS.sub(" ", markup or "")))
    return " ".join(text.split())


def search_field_text(obj, *, skip: tuple[str, ...] = ("title",)) -> str:
    """The text of `obj`'s Wagtail `search_fields` (SearchFields and RelatedFields), so the
    models' own declaration of what is searchable is reused instead of a second list."""
    parts = []
    for field in obj.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(_field_text(field, obj))
        elif isinstance(field, index.RelatedFields) and field.field_name not in skip:
            related = getattr(obj, field.field_name, None)
            items = related.all() if hasattr(related, "all") else [related] if related else []
            for item in items:
                for sub in field.fields:
                    if isinstance(sub, index.SearchField):
                        parts.append(_text(sub.get_value(item)))
    return "\n".join(part for part in parts if part)


def _field_text(field, obj) -> str:
    value = getattr(obj, field.field_name, None)
    if hasattr(value, "stream_block"):  # a StreamField: what the blocks show, not their labels
        return _sentences(_block_text(value.stream_block, value))
    return _text(field.get_value(obj))


def _sentences(parts: list[str]) -> str:
    """Blocks joined so that a heading or step title does not run into the next block in a
    snippet ("Meld je retour aan. Ga naar…", not "Meld je retour aan Ga naar…")."""
    parts = [part for part in parts if part]
    return " ".join(
        part if n == len(parts) - 1 or part[-1] in _ENDS else f"{part}."
        for n, part in enumerate(parts)
    )


def _block_text(block, value) -> list[str]:
    """Searchable text of a block value, leaving out choice blocks: their value is a setting
    (heading level, callout kind) whose label Wagtail would otherwise index as text."""
    if isinstance(block, BaseChoiceBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [t for child in value for t in _block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [t for name, child in block.child_blocks.items()
                for t in _block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [t for item in value for t in _block_text(block.child_block, item)]
    return [_text(part) for part in block.get_searchable_content(value)]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value)
    return html_to_text(str(value))
