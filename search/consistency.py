"""Does the index match the database? Used by `check_search_index`, `rebuild_search_index`,
the worker at start-up and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .backends import get_backend
from .indexing import schedule
from .registry import registry


@dataclass
class Report:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    stale: list[str] = field(default_factory=list)  # in both, content differs
    orphaned: list[str] = field(default_factory=list)  # in the index, gone from the database
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphaned)

    def groups(self) -> list[str]:
        return sorted({key.split("#", 1)[0] for key in self.missing + self.stale + self.orphaned})


def compare() -> Report:
    """Every indexable document's digest against the index's. Reads only."""
    indexed = get_backend().digests()
    report = Report()
    seen = set()
    for _group, docs in registry.iter_groups():
        for doc in docs:
            report.documents += 1
            seen.add(doc.key)
            digest = indexed.get(doc.key)
            if digest is None:
                report.missing.append(doc.key)
            elif digest != doc.digest:
                report.stale.append(doc.key)
    report.orphaned = sorted(set(indexed) - seen)
    return report


@transaction.atomic
def repair(report: Report) -> int:
    """Queue every group the report found wrong; the single writer applies them."""
    groups = report.groups()
    schedule(groups)
    return len(groups)
