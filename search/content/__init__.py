"""The registered content types, one module per source app, plus what they share."""

from django.utils.html import strip_tags
from wagtail.search import index


def register_all() -> None:
    from . import community, kb  # noqa: F401  (registering is the import's effect)


def search_field_text(obj, *, skip: tuple[str, ...] = ("title",)) -> str:
    """The text of `obj`'s Wagtail `search_fields` (SearchFields and RelatedFields), so the
    models' own declaration of what is searchable is reused instead of a second list."""
    parts = []
    for field in obj.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in skip:
            parts.append(_text(field.get_value(obj)))
        elif isinstance(field, index.RelatedFields) and field.field_name not in skip:
            related = getattr(obj, field.field_name, None)
            items = related.all() if hasattr(related, "all") else [related] if related else []
            for item in items:
                for sub in field.fields:
                    if isinstance(sub, index.SearchField):
                        parts.append(_text(sub.get_value(item)))
    return "\n".join(part for part in parts if part)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value)
    return " ".join(strip_tags(str(value)).split())
