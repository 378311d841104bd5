"""Content quality beyond "was this helpful?": pages shoppers read and still contacted
customer service about within a day (rolled up as "article_reads" and
"article_read_tickets", per page address)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, Sum

from search.models import SearchDocument

from ..models import DailyFigure
from .figures import Period, ratio

MAX_ROWS = 20


@dataclass
class ReadThenTicket:
    url: str
    title: str
    reads: int
    tickets: int

    @property
    def ticket_rate(self) -> float | None:
        """Tickets after reading ÷ reads."""
        return ratio(self.tickets, self.reads)


def read_then_ticket(period: Period, *, limit: int = MAX_ROWS) -> list[ReadThenTicket]:
    """Pages opened in the period that were followed by a ticket from the same visitor within
    a day, most tickets first (then most reads). Two queries (the daily rows, the titles)."""
    rows = list(
        DailyFigure.objects.filter(day__gte=period.first, day__lte=period.last,
                                   metric__in=("article_reads", "article_read_tickets"))
        .values("dimension")
        .annotate(reads=Sum("value", filter=Q(metric="article_reads"), default=0),
                  tickets=Sum("value", filter=Q(metric="article_read_tickets"), default=0))
        .filter(tickets__gt=0)
        .order_by("-tickets", "-reads", "dimension")[:limit]
    )
    titles = dict(SearchDocument.objects.filter(url__in=[row["dimension"] for row in rows])
                  .values_list("url", "title"))
    return [ReadThenTicket(url=row["dimension"], title=titles.get(row["dimension"], ""),
                           reads=int(row["reads"]), tickets=int(row["tickets"]))
            for row in rows]
