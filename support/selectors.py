"""Reads for the desk's pages, each a fixed number of queries however long the ticket."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import Status, Ticket, TicketAttachment, TicketEvent, TicketMessage
from .sla import Promise, state_of

AGES = {"1d": timedelta(days=1), "3d": timedelta(days=3), "7d": timedelta(days=7)}


def ticket_with_token(token: str) -> Ticket | None:
    return Ticket.objects.filter(form_token=token).first() if token else None


def tickets_of(user) -> QuerySet[Ticket]:
    """The shopper's own tickets, newest first (one query)."""
    return Ticket.objects.of_requester(user).select_related("topic").order_by("-created_at")


def own_ticket(user, reference: str) -> Ticket | None:
    return Ticket.objects.of_requester(user).filter(reference=reference).first()


def _messages(kinds=None):
    queryset = TicketMessage.objects.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("pk")))
    return queryset.filter(kind__in=kinds) if kinds else queryset


def public_conversation(ticket: Ticket) -> list[TicketMessage]:
    """What the shopper sees: their messages and staff replies, never internal notes."""
    return list(_messages([TicketMessage.Kind.SHOPPER, TicketMessage.Kind.REPLY])
                .filter(ticket=ticket))


def staff_ticket(pk: int) -> Ticket | None:
    """A ticket with everything the staff page shows (four queries)."""
    return (
        Ticket.objects.select_related("topic", "requester", "assignee", "question", "feedback",
                                      "kb_draft")
        .prefetch_related(Prefetch("messages", queryset=_messages()),
                          Prefetch("events", queryset=TicketEvent.objects
                                   .select_related("actor").order_by("created_at", "pk")))
        .filter(pk=pk).first()
    )


def queue(*, promise: Promise, filters: dict, now=None) -> list[dict]:
    """The staff queue: unresolved tickets unless a status is chosen, filtered, each with its
    SLA state; breached first, then at risk, then oldest first. One query."""
    now = now or timezone.now()
    tickets = Ticket.objects.select_related("topic", "assignee", "requester")
    status = filters.get("status")
    tickets = tickets.filter(status=status) if status else tickets.unresolved()
    if filters.get("topic"):
        tickets = tickets.filter(topic__slug=filters["topic"])
    if filters.get("source"):
        tickets = tickets.filter(source=filters["source"])
    if filters.get("assignee") == "none":
        tickets = tickets.filter(assignee__isnull=True)
    elif str(filters.get("assignee", "")).isdigit():
        tickets = tickets.filter(assignee_id=int(filters["assignee"]))
    if filters.get("age") in AGES:
        tickets = tickets.filter(created_at__lte=now - AGES[filters["age"]])
    rows = []
    for ticket in tickets:
        sla = state_of(created=ticket.created_at, first_response=ticket.first_response_at,
                       promise=promise, now=now)
        rows.append({"ticket": ticket, "sla": sla})
    rank = {"breached": 0, "at_risk": 1, "on_track": 2, "met": 3}
    resolved_last = {Status.RESOLVED: 1}
    rows.sort(key=lambda r: (resolved_last.get(r["ticket"].status, 0),
                             rank[r["sla"].state] if r["ticket"].first_response_at is None else 3,
                             r["ticket"].created_at))
    return rows


def survey_results() -> dict:
    """CSAT average per topic and per agent, NPS (promoters minus detractors). Four queries."""
    from django.contrib.auth import get_user_model
    from django.db.models import Avg, Count, Q

    from .models import SurveyInvitation

    answered = SurveyInvitation.objects.filter(answered_at__isnull=False)
    csat = answered.filter(kind=SurveyInvitation.Kind.CSAT)
    nps = answered.filter(kind=SurveyInvitation.Kind.NPS).aggregate(
        answers=Count("pk"), promoters=Count("pk", filter=Q(score__gte=9)),
        detractors=Count("pk", filter=Q(score__lte=6)))
    overall = csat.aggregate(average=Avg("score"), answers=Count("pk"))

    def grouped(field, label):
        rows = (csat.values(field).annotate(average=Avg("score"), answers=Count("pk"))
                .order_by("-answers", field))
        return [{label: r[field] or "", "average": round(r["average"], 2),
                 "answers": r["answers"]} for r in rows]

    agents = {str(u.pk): str(u) for u in
              get_user_model().objects.filter(pk__in=csat.values("agent"))}
    by_agent = [{"agent": agents.get(str(r["agent"]), ""), "average": r["average"],
                 "answers": r["answers"]} for r in grouped("agent", "agent")]
    score = (round(100 * (nps["promoters"] - nps["detractors"]) / nps["answers"])
             if nps["answers"] else None)
    return {
        "csat": {"average": round(overall["average"], 2) if overall["average"] else None,
                 "answers": overall["answers"]},
        "nps": {"score": score, "answers": nps["answers"]},
        "by_topic": grouped("topic__slug", "topic"),
        "by_agent": by_agent,
    }
