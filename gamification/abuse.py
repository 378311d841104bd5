"""Serial-voting detection, run daily by `manage.py gamification_daily`.

One voter giving another member more than SERIAL_VOTES votes within the window has those
votes reversed with a recorded reason and a report for moderators.

Rings: draw an arrow from voter to target for every pair with RING_VOTES to SERIAL_VOTES
votes in the window. Members who can each reach the others along those arrows (a strongly
connected component of two or more members: a pair voting for each other, or A → B → C → A)
form a ring, and every arrow inside the ring is reversed and reported. Many members voting for
one popular answerer make no ring: the arrows all point one way. Reversed votes no longer
count, so running the job again reports nothing new.
"""

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from . import services
from .models import AbuseReport, ReputationEvent
from .rules import vote_reasons

DEFAULTS = {"SERIAL_VOTES": 5, "RING_VOTES": 3, "SERIAL_WINDOW_HOURS": 24}


def _setting(name: str) -> int:
    return int(getattr(settings, "GAMIFICATION", {}).get(name, DEFAULTS[name]))


@transaction.atomic
def detect_serial_voting(*, now: dt.datetime | None = None) -> list[AbuseReport]:
    """Find, reverse and report serial voting and voting rings in the window before `now`.
    Returns the new reports."""
    now = now or timezone.now()
    hours = _setting("SERIAL_WINDOW_HOURS")
    votes = ReputationEvent.objects.live().filter(
        reason__in=vote_reasons(),
        actor__isnull=False,
        created_at__gt=now - dt.timedelta(hours=hours),
        created_at__lte=now,
    )
    pairs = Counter(
        {
            (row["actor"], row["user"]): row["n"]
            for row in votes.order_by().values("actor", "user").annotate(n=Count("id"))
            if row["actor"] != row["user"]
        }
    )
    reports = []
    serial, ring = _setting("SERIAL_VOTES"), _setting("RING_VOTES")
    for (voter, target), n in sorted(pairs.items()):
        if n > serial:
            why = f"Serial voting: {n} votes from member {voter} for member {target} in {hours} h"
            reports.append(_reverse(votes, AbuseReport.Kind.SERIAL_VOTING, voter, target, n, why))
    arrows = {pair: n for pair, n in pairs.items() if ring <= n <= serial}
    for members in voting_rings(arrows):
        names = ", ".join(str(m) for m in members)
        for (voter, target), n in sorted(arrows.items()):
            if voter in members and target in members:
                why = (
                    f"Voting ring of {len(members)} members ({names}): member {voter} "
                    f"voted {n} times for member {target} in {hours} h"
                )
                kind = AbuseReport.Kind.VOTING_RING
                reports.append(_reverse(votes, kind, voter, target, n, why))
    return reports


def voting_rings(arrows) -> list[tuple[int, ...]]:
    """The strongly connected components of two or more members in the directed graph whose
    arrows are the (voter, target) keys of `arrows`, each sorted, in order of their smallest
    member. Tarjan's algorithm, iterative so a long chain cannot exhaust the stack."""
    graph = {}
    for voter, target in sorted(arrows):
        graph.setdefault(voter, []).append(target)
        graph.setdefault(target, [])
    index, low, on_stack, stack, rings = {}, {}, set(), [], []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            step = next(successors, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(graph[step])))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    rings.append(tuple(sorted(component)))
    return sorted(rings)


def _reverse(votes, kind, voter_id, target_id, n, why) -> AbuseReport:
    reversed_count = services._revert(
        votes.filter(actor_id=voter_id, user_id=target_id), by=None, why=why
    )
    return AbuseReport.objects.create(
        kind=kind,
        voter_id=voter_id,
        target_id=target_id,
        votes=n,
        reversed_events=reversed_count,
        detail=why[:300],
    )
