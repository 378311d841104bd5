"""How figures are shown: labels, definitions and formats of the dashboard's cards, and the
tables behind its CSV downloads. Only presentation; every number comes from `selectors`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from . import selectors


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    definition: str
    kind: str  # "count", "rate", "score", "money", "hours", "reply", "csat", "nps"


CARDS = [
    Card("self_service_score", _("Self-service score"),
         _("Help-centre visitors ÷ visitors who created a ticket (Zendesk's definition), "
           "counted per day."), "score"),
    Card("deflections", _("Deflections"),
         _("Confirmed (“this answers my question”) plus implicit (clicked a suggestion and "
           "did not post) deflections."), "count"),
    Card("cost_saved", _("Estimated cost saved"),
         _("Deflections × the cost per contact set under Settings → Insights settings."),
         "money"),
    Card("ask_deflection_rate", _("Deflection rate, ask form"),
         _("Ask-form sessions that saw suggestions and ended without a question ÷ all such "
           "sessions."), "rate"),
    Card("contact_deflection_rate", _("Deflection rate, contact form"),
         _("Contact-form sessions that saw suggestions and ended without a ticket ÷ all such "
           "sessions."), "rate"),
    Card("searches", _("Searches"), _("Search submissions (paging and filters not counted)."),
         "count"),
    Card("search_success_rate", _("Search success rate"),
         _("Searches followed by at least one click on a result ÷ searches."), "rate"),
    Card("zero_result_rate", _("Zero-result rate"),
         _("Searches without any result ÷ searches."), "rate"),
    Card("refinement_rate", _("Refinement rate"),
         _("Searches that replaced an earlier one within two minutes without a click ÷ "
           "searches."), "rate"),
    Card("helpful_rate", _("Articles found helpful"),
         _("“Yes” answers to “Was this article helpful?” ÷ all answers."), "rate"),
    Card("questions", _("Community questions"), _("Questions asked (published or waiting)."),
         "count"),
    Card("answered_24h_rate", _("Answered within 24 h"),
         _("Questions with a published answer within 24 hours ÷ questions asked."), "rate"),
    Card("median_first_answer", _("Median time to first answer"),
         _("The median question got its first published answer within this time."), "hours"),
    Card("accepted_rate", _("Accepted answer"),
         _("Questions with an answer accepted by the asker ÷ questions asked."), "rate"),
    Card("verified_rate", _("Verified by customer service"),
         _("Questions with an answer verified by customer service ÷ questions asked."), "rate"),
    Card("escalations", _("Escalated to customer service"),
         _("Community questions that stayed unanswered too long and became a ticket "
           "(source “escalated question”) in the period."), "count"),
    Card("tickets", _("Tickets"),
         _("Tickets created: contact form, escalated questions, private questions and "
           "article feedback."), "count"),
    Card("first_reply_median", _("Median first staff reply"),
         _("Half of the period's tickets got their first reply from customer service within "
           "this time."), "reply"),
    Card("first_reply_p90", _("First staff reply for nine in ten tickets"),
         _("Nine in ten of the period's tickets got their first reply within this time."),
         "reply"),
    Card("sla_breaches", _("Service promise missed"),
         _("Tickets whose first reply came later than the promise set under Settings → "
           "Support, or is late and still to come."), "count"),
    Card("csat_average", _("Customer satisfaction (CSAT)"),
         _("Average answer (1 to 5) to “How satisfied are you with our help?” after a "
           "resolved ticket."), "csat"),
    Card("nps", _("Net Promoter Score"),
         _("Percentage of promoters (9–10) minus percentage of detractors (0–6) among the "
           "answers to “Would you recommend us?”."), "nps"),
]


def display(value, kind: str) -> str:
    """A figure as the dashboard shows it, in the active language's number format."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{number_format(value * 100, 1)} %"
    if kind == "score":
        return f"{number_format(value, 1)} : 1"
    if kind == "money":
        return f"€ {number_format(value, 2, force_grouping=True)}"
    if kind == "hours":
        return str(_hours_label(value))
    if kind == "reply":
        return str(_reply_label(value))
    if kind == "csat":
        return f"{number_format(value, 1)} / 5"
    if kind == "nps":
        return f"{'+' if value > 0 else ''}{number_format(value, 0)}"
    return number_format(int(value), 0, force_grouping=True)


def _hours_label(bucket: str):
    if bucket == "none":
        return _("not answered yet")
    if bucket == "more":
        return _("more than a week")
    return _("within %(hours)s h") % {"hours": bucket}


def _reply_label(bucket: str):
    if bucket == "none":
        return _("no reply yet")
    if bucket == "more":
        return _("more than 48 h")
    return _("within %(hours)s h") % {"hours": bucket}


def summary_cards(result: dict) -> list[dict]:
    figures, previous, changes = result["figures"], result["previous"], result["changes"]
    return [
        {
            "key": card.key, "label": card.label, "definition": card.definition,
            "value": display(figures.get(card.key), card.kind),
            "previous": display(previous.get(card.key), card.kind),
            "change": changes.get(card.key),
        }
        for card in CARDS
    ]


def figure_card(result: dict, key: str) -> dict:
    """One card of `summary_cards` by its key, for a section that repeats it."""
    return next(card for card in summary_cards(result) if card["key"] == key)


def _raw(value):
    return "" if value is None else value


def csv_tables(period: selectors.Period) -> dict[str, Callable[[], tuple[list, list]]]:
    """Each downloadable table as a function returning (header, rows), computed on demand."""

    def summary():
        result = selectors.figures(period)
        rows = [[str(card.label), _raw(result["figures"].get(card.key)),
                 _raw(result["previous"].get(card.key))] for card in CARDS]
        return [str(_("Figure")), f"{period.first}–{period.last}",
                f"{result['previous_period'].first}–{result['previous_period'].last}"], rows

    def daily():
        result = selectors.figures(period)
        metrics = list(result["series"])
        rows = [[day.isoformat(), *(result["series"][m][n] for m in metrics)]
                for n, day in enumerate(result["dates"])]
        return [str(_("Day")), *metrics], rows

    def deflections():
        result = selectors.figures(period)
        rows = [[context, counts["confirmed"], counts["implicit"]]
                for context, counts in result["deflections_by_context"].items()]
        return [str(_("Context")), str(_("Confirmed")), str(_("Implicit"))], rows

    def queries():
        rows = [[q.language, q.example, q.searches, q.zero_results, q.clicked,
                 q.previous_searches] for q in selectors.top_queries(period, limit=100)]
        return _query_header(), rows

    def gaps():
        rows = [[g.language, g.example, g.searches, g.zero_results, g.clicked,
                 g.previous_searches, " | ".join(g.phrasings)]
                for g in selectors.content_gaps(period)]
        return [*_query_header(), str(_("Phrasings"))], rows

    def failing():
        rows = [[f.language, f.example, f.visitors, f.searches, f.clicked,
                 _gap_state(f.question), " | ".join(f.phrasings)]
                for f in selectors.failing_searches()]
        return [str(_("Language")), str(_("Query")), str(_("Visitors without an answer")),
                str(_("Searches")), str(_("Clicked")), str(_("Community question")),
                str(_("Phrasings"))], rows

    def quality():
        rows = [[r.url, r.title, r.reads, r.tickets, _raw(r.ticket_rate)]
                for r in selectors.read_then_ticket(period)]
        return [str(_("Page")), str(_("Title")), str(_("Reads")),
                str(_("Tickets within a day")), str(_("Tickets per read"))], rows

    def products():
        result = selectors.product_insights(period)
        rows = [[p.slug, p.name, p.by_source["search"], p.by_source["question"],
                 p.by_source["ticket"], p.total, p.previous, _raw(p.growth)]
                for p in result["most_asked"]]
        return [str(_("Product")), str(_("Name")), str(_("Searches")), str(_("Questions")),
                str(_("Tickets")), str(_("Total")), str(_("Previous period")),
                str(_("Growth"))], rows

    def wishes():
        rows = [[w.language, w.thing, w.count, w.previous]
                for w in selectors.product_insights(period)["wishes"]]
        return [str(_("Language")), str(_("Asked for")), str(_("Times")),
                str(_("Previous period"))], rows

    tables = {"summary": summary, "daily": daily, "deflections": deflections,
              "queries": queries, "gaps": gaps, "failing": failing, "quality": quality,
              "products": products, "wishes": wishes}
    tables.update(desk_csv_tables(period))
    return tables


def desk_csv_tables(period: selectors.Period) -> dict[str, Callable[[], tuple[list, list]]]:
    """The tables of the support-over-time, surveys and top-helpers sections."""

    def over_time(kind):
        def table():
            over = selectors.tickets_over_time(selectors.figures(period), selectors.topic_names())
            lines = over[kind]
            rows = [[day.isoformat(), *(int(line.values[n]) for line in lines)]
                    for n, day in enumerate(over["dates"])]
            return [str(_("Day")), *(line.label for line in lines)], rows
        return table

    def survey_weeks():
        rows = [[w.first.isoformat(), w.last.isoformat(), w.csat_answers, _raw(w.csat_average),
                 w.nps_answers, _raw(w.nps)]
                for w in selectors.survey_weeks(selectors.figures(period))]
        return [str(_("From")), str(_("To")), str(_("CSAT answers")), str(_("CSAT average")),
                str(_("NPS answers")), str(_("NPS"))], rows

    def survey_comments():
        rows = [[localdate(c.answered_at).isoformat(), c.kind.upper(), c.score, c.max_score,
                 c.reference, c.topic, c.comment]
                for c in selectors.survey_comments(period)]
        return [str(_("Date")), str(_("Survey")), str(_("Score")), str(_("Highest score")),
                str(_("Ticket number")), str(_("Topic")), str(_("Shopper's comment"))], rows

    def helpers():
        rows = [[h.name, h.url, str(_("yes") if h.is_staff else _("no")), h.accepted, h.verified,
                 h.upvotes, h.points] for h in selectors.top_helpers(period)]
        return [str(_("Member")), str(_("Profile")), str(_("Staff")), str(_("Accepted")),
                str(_("Verified")), str(_("Up-votes")), str(_("Points"))], rows

    return {"ticket_sources": over_time("by_source"), "ticket_topics": over_time("by_topic"),
            "survey_weeks": survey_weeks, "survey_comments": survey_comments,
            "helpers": helpers}


def _gap_state(gap) -> str:
    if gap is None:
        return ""
    if gap.closed_at is not None:
        return str(_("closed on %(date)s") % {"date": gap.closed_at.date().isoformat()})
    return str(_("open"))


def _query_header() -> list[str]:
    return [str(_("Language")), str(_("Query")), str(_("Searches")), str(_("No results")),
            str(_("Clicked")), str(_("Searches, previous period"))]


SERIES_LABELS = {
    "searches": _("Searches"),
    "deflections": _("Deflections"),
    "questions": _("Community questions"),
    "tickets": _("Tickets"),
}
CONTEXT_LABELS = {
    "header": _("Site search box"),
    "ask": _("Ask form"),
    "contact": _("Contact form"),
}


def daily_chart(result: dict) -> dict:
    """Chart.js data for the per-day line chart (labels are ISO dates, for the table too)."""
    return {
        "labels": [day.isoformat() for day in result["dates"]],
        "datasets": [{"label": str(label), "data": result["series"][metric]}
                     for metric, label in SERIES_LABELS.items()],
    }


def daily_rows(result: dict) -> list[tuple]:
    return [(day, [result["series"][metric][n] for metric in SERIES_LABELS])
            for n, day in enumerate(result["dates"])]


def deflection_chart(result: dict) -> dict:
    by_context = result["deflections_by_context"]
    return {
        "labels": [str(CONTEXT_LABELS[c]) for c in by_context],
        "datasets": [
            {"label": str(label), "data": [by_context[c][kind] for c in by_context]}
            for kind, label in (("confirmed", _("Confirmed")), ("implicit", _("Implicit")))
        ],
    }


def deflection_rows(result: dict) -> list[tuple]:
    return [(CONTEXT_LABELS[c], counts) for c, counts in result["deflections_by_context"].items()]


def lines_chart(over_time: dict, kind: str) -> dict:
    """Chart.js data for a stacked per-day chart of tickets by source or by topic."""
    return {
        "labels": [day.isoformat() for day in over_time["dates"]],
        "datasets": [{"label": line.label, "data": line.values} for line in over_time[kind]],
    }


def lines_rows(over_time: dict, kind: str) -> list[tuple]:
    """The same figures as table rows: (day, [count per line])."""
    return [(day, [line.values[n] for line in over_time[kind]])
            for n, day in enumerate(over_time["dates"])]
