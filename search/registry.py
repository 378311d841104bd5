"""The registry of indexable content types.

Each searchable kind of content (a KB article, an FAQ entry, a video chapter, a community
question) is described once by an `IndexableType` and registered here. Everything else in
`search/` (signals, the queue worker, rebuild and check commands, the search page) goes through
the registry, so no view or selector names a model.

Contract of a type:
- `name`: short, stable identifier; the value of the "type" facet and the prefix of group keys.
- `model`: the model whose rows are indexed (one row = one *group* of documents).
- `get_queryset()`: exactly the rows that may be found (live, public, approved, not deleted).
- `documents(obj)`: the documents of one row (an FAQ page yields one per entry, a video one
  per chapter); each document's key starts with the row's group key.
- `watched`: {model label: callable(instance) -> pk of the indexed row or None} for related
  models whose changes alter the indexed text (an answer changes its question's document).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Document:
    """One hit as the index stores it. Plain values only, so any backend can store it."""

    key: str
    group: str
    type: str
    language: str
    title: str
    url: str
    body: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""
    product: str = ""
    boost: float = 1.0
    extra: dict = field(default_factory=dict)
    # Other ways shoppers ask for this document: editors' "ook gevraagd als", duplicates'
    # titles, learned phrasings (`search.phrasings`). Indexed with their own weight.
    phrasings: tuple[str, ...] = ()

    @cached_property  # frozen, so computed once: the index, the vectors and the check ask
    def digest(self) -> str:
        """A fingerprint of the content; `check_search_index` compares it to find stale docs."""
        fields = asdict(self)
        if not fields["phrasings"]:  # documents indexed before phrasings keep their digest
            del fields["phrasings"]
        payload = json.dumps(fields, sort_keys=True, default=str).encode()
        return hashlib.sha1(payload, usedforsecurity=False).hexdigest()[:16]


class IndexableType:
    name: str = ""
    label: str = ""
    model: str = ""  # "app_label.ModelName"
    watched: dict[str, Callable[[models.Model], object]] = {}
    # True when a row's documents are parts of one thing (a video and its chapters): results
    # show only the best of them. False when each is a thing of its own (FAQ entries).
    one_hit_per_group: bool = False

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def get_queryset(self) -> models.QuerySet:
        return self.get_model()._default_manager.all()

    def documents(self, obj) -> list[Document]:
        raise NotImplementedError

    def group_key(self, pk) -> str:
        return f"{self.name}:{pk}"

    def load(self, pk):
        """The indexable row with this pk, or None when it must not be found (any more)."""
        return self.get_queryset().filter(pk=pk).first()

    def iter_documents(self, *, chunk_size: int = 200) -> Iterator[Document]:
        for obj in self.get_queryset().iterator(chunk_size=chunk_size):
            yield from self.documents(obj)


class Registry:
    def __init__(self):
        self._types: dict[str, IndexableType] = {}

    def register(self, cls: type[IndexableType]) -> type[IndexableType]:
        """Register a type once; a second registration of the same name is a programming error."""
        instance = cls()
        if instance.name in self._types:
            raise ValueError(f"search type {instance.name!r} is already registered")
        if ":" in instance.name or not instance.name:
            raise ValueError(f"invalid search type name {instance.name!r}")
        self._types[instance.name] = instance
        return cls

    def unregister(self, name: str) -> None:
        self._types.pop(name, None)

    def __iter__(self) -> Iterator[IndexableType]:
        return iter(list(self._types.values()))

    def __contains__(self, name: str) -> bool:
        return name in self._types

    def get(self, name: str) -> IndexableType:
        return self._types[name]

    def labels(self) -> dict[str, str]:
        return {t.name: t.label for t in self}

    def types_for_model(self, model: type[models.Model]) -> list[IndexableType]:
        """Types that index rows of `model` itself (including Wagtail page subclasses)."""
        label = model._meta.label
        return [t for t in self if t.model == label]

    def watchers_for_model(self, model) -> list[tuple[IndexableType, Callable]]:
        label = model._meta.label
        return [(t, t.watched[label]) for t in self if label in t.watched]

    def groups_for_instance(self, instance) -> list[str]:
        """Group keys whose documents may change when `instance` changes."""
        groups = [t.group_key(instance.pk) for t in self.types_for_model(type(instance))]
        for indexable, to_pk in self.watchers_for_model(type(instance)):
            pk = to_pk(instance)
            if pk is not None:
                groups.append(indexable.group_key(pk))
        return groups

    def resolve(self, group: str) -> tuple[IndexableType, str] | None:
        name, _, pk = group.partition(":")
        indexable = self._types.get(name)
        return (indexable, pk) if indexable else None

    def iter_groups(self) -> Iterable[tuple[str, list[Document]]]:
        from .phrasings import attach

        for indexable in self:
            for obj in indexable.get_queryset().iterator(chunk_size=200):
                yield indexable.group_key(obj.pk), attach(indexable.documents(obj))


registry = Registry()
register = registry.register
