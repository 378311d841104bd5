"""A demo that reads as months of community life (order 48, after every community step).

Seeding makes everything in one minute, so members would join "today" while holding badges
from July, and a profile's reputation chart would be flat and then jump. This step re-dates
the seeded community coherently, deterministically relative to now:

1. votes follow their post by hours, accepts and verifications follow their answer;
2. each reputation event takes the time of what caused it (source key "community:…");
3. each member joined some days before their first post, vote or event; members with
   points a moderator granted (standing for what they earned before) joined months ago and
   got them the day after joining;
4. each member's ledger is replayed, so the daily vote cap counts the events' real days;
5. each badge earned while seeding moves to the time of the event that earned it.

`_spread_over_time` in `community.demo` already spread the questions and answers.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from gamification import services as gamification
from gamification.models import BadgeAward, ReputationEvent

from .models import Answer, Question, User, Vote

# Whatever the timeline computes, nothing is dated in the last minutes before "now".
LATEST = timedelta(minutes=5)


@transaction.atomic
def seed_timeline() -> None:
    """Re-date votes, ledger events, join dates and earned badges as described above.
    Running it again gives the same timeline relative to the new "now"."""
    now = timezone.now()
    latest = now - LATEST
    seeded = dict(ReputationEvent.objects.values_list("pk", "created_at"))
    awards = list(BadgeAward.objects.values_list("pk", "user_id", "awarded_at"))
    posts = _post_dates()
    _date_votes(posts, latest)
    _date_events(posts, latest)
    joined = _date_members(now)
    _date_grants(joined, latest)
    for user_id in ReputationEvent.objects.order_by().values_list("user_id", flat=True).distinct():
        gamification.replay_user(user_id, repair=True)
    _date_awards(awards, seeded, joined, latest)


def _post_dates() -> dict[str, datetime]:
    """{"question:12": asked, "answer:5": answered} of every seeded post."""
    dates = {f"question:{pk}": at for pk, at in Question.objects.values_list("pk", "created_at")}
    dates |= {f"answer:{pk}": at for pk, at in Answer.objects.values_list("pk", "created_at")}
    return dates


def _date_votes(posts: dict, latest: datetime) -> None:
    """Each vote some hours after its post (3 to 45, by the vote's id)."""
    votes = list(Vote.objects.all())
    for vote in votes:
        kind, pk = (
            ("question", vote.question_id) if vote.question_id else ("answer", vote.answer_id)
        )
        posted = posts.get(f"{kind}:{pk}")
        if posted is not None:
            vote.created_at = min(posted + timedelta(hours=3 + vote.pk * 7 % 43), latest)
    Vote.objects.bulk_update(votes, ["created_at"])


def _cause(key: str, posts: dict, votes: dict) -> datetime | None:
    """When the thing named by a community source key happened, if the demo knows it."""
    parts = key.split(":")
    if len(parts) < 3 or parts[0] != "community":
        return None
    kind = parts[1]
    if kind in ("question", "answer"):
        return posts.get(f"{kind}:{parts[2]}")
    if kind == "vote" and len(parts) >= 5:
        return votes.get((parts[2], int(parts[3]), int(parts[4])))
    delays = {"accept": timedelta(hours=20), "verify": timedelta(hours=30)}
    answered = posts.get(f"answer:{parts[2]}")
    if kind in delays and answered is not None:
        return answered + delays[kind]
    return None


def _date_events(posts: dict, latest: datetime) -> None:
    votes = {}
    for question_id, answer_id, user_id, at in Vote.objects.values_list(
        "question_id", "answer_id", "user_id", "created_at"
    ):
        key = ("question", question_id) if question_id else ("answer", answer_id)
        votes[(*key, user_id)] = at
    events = list(ReputationEvent.objects.all())
    for event in events:
        at = _cause(event.source_key, posts, votes)
        if at is not None:
            _move(event, min(at, latest))
    ReputationEvent.objects.bulk_update(events, ["created_at", "day"])


def _move(event: ReputationEvent, at: datetime) -> None:
    event.created_at, event.day = at, timezone.localdate(at)


def _date_members(now: datetime) -> dict[int, datetime]:
    """Each member's join date: 3 to 30 days (by id) before their first post, vote or event
    not granted by hand; members without any joined 10 to 70 days ago. Returns them by id."""
    first: dict[int, datetime] = {}
    sources = [
        Question.objects.values("author_id").annotate(at=Min("created_at")),
        Answer.objects.values("author_id").annotate(at=Min("created_at")),
        Vote.objects.values("user_id").annotate(at=Min("created_at")),
        ReputationEvent.objects.exclude(source_key__startswith="manual:")
        .values("user_id")
        .annotate(at=Min("created_at")),
    ]
    for rows in sources:
        for row in rows.order_by():
            user_id = row.get("author_id") or row.get("user_id")
            first[user_id] = min(first.get(user_id, row["at"]), row["at"])
    # Points granted by hand stand for what a regular earned before the seeded weeks: they
    # joined months ago, so the grant lies before the profile chart's 90 days.
    granted = set(
        ReputationEvent.objects.filter(source_key__startswith="manual:").values_list(
            "user_id", flat=True
        )
    )
    users = list(User.objects.all())
    for user in users:
        if user.pk in first:
            user.date_joined = first[user.pk] - timedelta(days=3 + user.pk * 11 % 28)
        else:
            user.date_joined = now - timedelta(days=10 + user.pk * 13 % 61)
        if user.pk in granted:
            user.date_joined = min(user.date_joined, now - timedelta(days=120 + user.pk % 40))
    User.objects.bulk_update(users, ["date_joined"])
    return {user.pk: user.date_joined for user in users}


def _date_grants(joined: dict, latest: datetime) -> None:
    """Points a moderator granted by hand ("vaste klant") arrive the day after joining."""
    grants = list(ReputationEvent.objects.filter(source_key__startswith="manual:"))
    for event in grants:
        _move(event, min(joined[event.user_id] + timedelta(days=1), latest))
    ReputationEvent.objects.bulk_update(grants, ["created_at", "day"])


def _date_awards(awards, seeded: dict, joined: dict, latest: datetime) -> None:
    """A badge earned while seeding was awarded right after the event that earned it: the
    member's last event recorded before it, now at that event's new time."""
    moved = dict(ReputationEvent.objects.values_list("pk", "created_at"))
    owners = dict(ReputationEvent.objects.values_list("pk", "user_id"))
    by_user: dict[int, list[tuple[datetime, int]]] = {}
    for pk, at in seeded.items():
        by_user.setdefault(owners[pk], []).append((at, pk))
    changed = []
    for pk, user_id, awarded in awards:
        earlier = [event for at, event in by_user.get(user_id, []) if at <= awarded]
        if earlier:
            cause = max(earlier, key=lambda event: seeded[event])
            at = moved[cause] + timedelta(minutes=1)
        else:
            at = joined[user_id] + timedelta(days=1)
        changed.append(BadgeAward(pk=pk, awarded_at=min(at, latest)))
    BadgeAward.objects.bulk_update(changed, ["awarded_at"])
