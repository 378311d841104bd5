"""What shoppers ask about products, from the rolled-up "product_mentions" (dimension
"source:slug", source one of search, question, ticket) and "product_wishes" (dimension
"language:thing asked for") rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import override

from kb.models import Product

from ..models import DailyFigure
from .figures import Period, change

SOURCES = ("search", "question", "ticket")
MAX_ROWS = 10
MIN_WISHES = 2  # a wish shows once it was asked this often in the period


@dataclass
class ProductFigure:
    slug: str
    name: str
    url: str  # the product page, which lists the questions about it
    by_source: dict[str, int] = field(default_factory=dict)
    previous: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_source.values())

    @property
    def growth(self) -> float | None:
        return change(float(self.total), float(self.previous))


@dataclass
class Wish:
    language: str
    thing: str
    count: int
    previous: int

    @property
    def url(self) -> str:
        """The search for it: the questions and pages behind the wish."""
        with override(self.language):
            return f"{reverse('search:search')}?{urlencode({'q': self.thing})}"


def product_insights(period: Period, *, limit: int = MAX_ROWS) -> dict:
    """{"most_asked": products by mentions in the period, "growing": products with the largest
    rise over the previous period, "wishes": things asked for that the catalogue lacks}. Two
    queries whatever the period (the summed rows, the catalogue's Dutch names)."""
    rows = (
        DailyFigure.objects.filter(day__gte=period.previous().first, day__lte=period.last,
                                   metric__in=("product_mentions", "product_wishes"))
        .values("metric", "dimension")
        .annotate(now=Sum("value", filter=Q(day__gte=period.first), default=0),
                  before=Sum("value", filter=Q(day__lt=period.first), default=0))
    )
    products: dict[str, ProductFigure] = {}
    wishes: list[Wish] = []
    catalogue = _catalogue()
    for row in rows:
        prefix, _sep, name = row["dimension"].partition(":")
        if row["metric"] == "product_wishes":
            if row["now"] >= MIN_WISHES:
                wishes.append(Wish(prefix, name, int(row["now"]), int(row["before"])))
            continue
        if name not in catalogue:
            continue  # the product left the catalogue
        figure = products.setdefault(name, ProductFigure(name, *catalogue[name]))
        figure.by_source[prefix] = figure.by_source.get(prefix, 0) + int(row["now"])
        figure.previous += int(row["before"])
    for figure in products.values():
        for source in SOURCES:
            figure.by_source.setdefault(source, 0)
    asked = [p for p in products.values() if p.total]
    return {
        "most_asked": sorted(asked, key=lambda p: (-p.total, p.name))[:limit],
        "growing": sorted((p for p in asked if p.total > p.previous),
                          key=lambda p: (-(p.total - p.previous), p.name))[:limit],
        "wishes": sorted(wishes, key=lambda w: (-w.count, w.thing))[:limit],
    }


def _catalogue() -> dict[str, tuple[str, str]]:
    """slug -> (Dutch name, product page address); English where there is no Dutch row."""
    found: dict[str, tuple[str, str]] = {}
    for product in Product.objects.select_related("locale").order_by("-locale__language_code"):
        if product.slug not in found:  # "nl" sorts before "en" here: the Dutch row wins
            found[product.slug] = (product.name, product.get_absolute_url())
    return found
