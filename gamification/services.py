"""Every write to the reputation ledger.

Callers (community, search) pass plain values; nothing here imports their models. All
functions run in one transaction and, for each affected user, first lock that user's
`Reputation` row, so concurrent votes on one user's posts are applied one after another and
the cached total always equals the ledger.
"""

import hashlib
import logging
import uuid
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import badges, leaderboard_cache, rewards
from .models import AbuseReport, PointGrant, Reputation, ReputationEvent, VisitorSighting
from .rules import MANUAL, STARTING_REPUTATION, capped_reasons, daily_vote_cap, rule_for

log = logging.getLogger(__name__)


@transaction.atomic
def record(
    *,
    user,
    reason: str,
    source_key: str,
    actor=None,
    facts: dict | None = None,
    at: datetime | None = None,
) -> ReputationEvent | None:
    """Append one event to `user`'s ledger and apply it to their total.

    `reason` is a constant from `gamification.rules`; `source_key` names what caused it
    ("vote:17"), so `revert(source_key=...)` can undo exactly this. `actor` is who caused it:
    when the rule needs someone else (votes, accepts) and `actor` is `user`, nothing is
    recorded. `facts` are plain values the badge and leaderboard rules read: `post`
    ("answer:42"), `score` (the post's score after this event), `tags` (list of names),
    `product` (slug), `language` ("nl"/"en"), `question` (id) and `visitor_key` (the acting
    visitor's cookie or session key; only a hash is kept). `at` backdates an import.

    Returns the event, or None when nothing was recorded (self-vote, or the same user, reason
    and source key is already recorded and not reverted). Awards badges and rewards that
    now hold. Runs in the caller's transaction.
    """
    rule = rule_for(reason)
    if rule.needs_other_actor and actor is not None and actor.pk == user.pk:
        return None
    facts = dict(facts or {})
    visitor_key = facts.pop("visitor_key", None)
    created_at = at or timezone.now()
    event = ReputationEvent(
        user=user,
        reason=reason,
        base_points=rule.points,
        points=0,
        source_key=source_key,
        actor=actor,
        facts=facts,
        tags=_tags_text(facts.get("tags")),
        product=str(facts.get("product") or "")[:100],
        created_at=created_at,
        day=timezone.localdate(created_at),
    )
    if rule.points == 0:
        # Activity worth no points changes no total, so it takes no lock (fewer lock waits
        # between a voter and an author); the unique constraint still records it once.
        try:
            with transaction.atomic():
                event.save()
        except IntegrityError:
            return None
    elif not _apply(event):
        return None
    if visitor_key:
        _note_visitor(event, str(visitor_key))
    badges.award_for(user=user, event=event)
    return event


@transaction.atomic
def revert(*, source_key: str, reason: str | None = None, by=None, why: str = "") -> int:
    """Reverse the live events recorded for `source_key` (only those of `reason` if given):
    a retracted or changed vote, an un-accepted answer, a deleted post.

    Each affected user's later events are re-derived, so the daily cap and the clipping at 1
    are recomputed as if the reverted events had never happened. Returns how many events
    were reversed (0 if none were live).
    """
    events = ReputationEvent.objects.live().filter(source_key=source_key)
    if reason is not None:
        events = events.filter(reason=reason)
    return _revert(events, by=by, why=why)


@transaction.atomic
def revert_user_activity(*, user, by, why: str) -> int:
    """Reverse every live event `user` caused for other members (their votes, accepts,
    deflections), e.g. when a spammer is suspended. Returns how many events were reversed."""
    events = ReputationEvent.objects.live().filter(actor=user).exclude(user=user)
    return _revert(events, by=by, why=why)


@transaction.atomic
def revert_event(*, event_id: int, by, why: str) -> int:
    """Staff reverse one ledger event from the admin. PermissionDenied unless `by` is staff."""
    _require_staff(by)
    if not why.strip():
        raise ValidationError(_("Say why you revert these points."))
    return _revert(ReputationEvent.objects.live().filter(pk=event_id), by=by, why=why)


@transaction.atomic
def grant_points(*, user, points: int, by, why: str) -> ReputationEvent:
    """Record points staff decided on, with a reason: the ledger step of an approved
    `PointGrant`, and the path for code (demo content, imports, tests). No screen calls it
    directly: a person asks with `request_grant` and a second person approves. The event is
    uncapped; a negative grant is clipped so the total stays at least 1."""
    _require_staff(by)
    if not why.strip():
        raise ValidationError(_("Say why you grant or take these points."))
    if points == 0 or abs(points) > 10_000:
        raise ValidationError(_("Give a number of points between -10000 and 10000, not 0."))
    reputation = _lock(user.pk)
    now = timezone.now()
    event = ReputationEvent.objects.create(
        user=user,
        reason=MANUAL,
        base_points=points,
        points=0,
        source_key=f"manual:{uuid.uuid4().hex}",
        actor=by,
        note=why[:300],
        created_at=now,
        day=timezone.localdate(now),
    )
    _replay(reputation, since=event)
    rewards.grant_threshold_rewards(user=user, total=reputation.total)
    _cache_total(user, reputation.total)
    leaderboard_cache.invalidate_on_commit()
    event.refresh_from_db(fields=["points"])
    return event


@transaction.atomic
def take_points(*, user, points: int, by, why: str) -> ReputationEvent:
    """Staff take `points` (a positive number) away with a reason, at once: taking can pay
    out no reward, so it needs no second person. Logged."""
    if points <= 0:
        raise ValidationError(_("Give the number of points to take as a positive number."))
    event = grant_points(user=user, points=-points, by=by, why=why)
    log.info("Member %s took %s points from member %s: %s", by.pk, points, user.pk, why)
    return event


@transaction.atomic
def request_grant(*, user, points: int, by, why: str) -> PointGrant:
    """A staff member asks to give `user` points by hand. Nothing is recorded (and no reward
    can be paid out) until a second staff member approves with `approve_grant`."""
    _require_staff(by)
    if not why.strip():
        raise ValidationError(_("Say why you grant these points."))
    if not 0 < points <= 10_000:
        raise ValidationError(_("Give a number of points between 1 and 10000."))
    if user.pk == by.pk:
        raise PermissionDenied(_("You cannot grant points to yourself."))
    grant = PointGrant.objects.create(user=user, points=points, why=why[:300], requested_by=by)
    log.info("Member %s asked to grant %s points to member %s: %s", by.pk, points, user.pk, why)
    return grant


@transaction.atomic
def approve_grant(*, grant_id: int, by, note: str = "") -> ReputationEvent:
    """A second staff member approves a pending grant: the points are recorded (and the
    rewards they reach are paid out) now. The person who asked for the grant, and the member
    who would receive it, cannot approve it. Locks the grant row, so two approvals of one
    grant record it once."""
    grant = _decidable_grant(grant_id, by)
    event = grant_points(user=grant.user, points=grant.points, by=grant.requested_by, why=grant.why)
    _decide(grant, by, PointGrant.Status.APPROVED, note, event=event)
    log.info("Member %s approved grant %s (%s points to member %s)", by.pk, grant.pk,
             grant.points, grant.user_id)  # fmt: skip
    return event


@transaction.atomic
def reject_grant(*, grant_id: int, by, note: str) -> PointGrant:
    """A second staff member rejects a pending grant, with a reason; nothing is recorded."""
    if not note.strip():
        raise ValidationError(_("Say why you reject this grant."))
    grant = _decidable_grant(grant_id, by)
    _decide(grant, by, PointGrant.Status.REJECTED, note)
    log.info("Member %s rejected grant %s: %s", by.pk, grant.pk, note)
    return grant


def _decidable_grant(grant_id: int, by) -> PointGrant:
    _require_staff(by)
    grant = (
        PointGrant.objects.select_for_update()
        .select_related("user", "requested_by")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None or grant.status != PointGrant.Status.PENDING:
        raise ValidationError(_("This grant is not waiting for a decision any more."))
    if by.pk == grant.requested_by_id:
        raise PermissionDenied(_("A second person must decide on a grant you asked for."))
    if by.pk == grant.user_id:
        raise PermissionDenied(_("You cannot decide on a grant to yourself."))
    return grant


def _decide(grant: PointGrant, by, status: str, note: str, *, event=None) -> None:
    grant.status, grant.decided_by, grant.decided_at = status, by, timezone.now()
    grant.decision_note, grant.event = note.strip()[:300], event
    grant.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "event"])


@transaction.atomic
def review_report(*, report: AbuseReport, by) -> None:
    """A moderator marks a voting report as reviewed."""
    _require_staff(by)
    AbuseReport.objects.filter(pk=report.pk, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=by
    )


@transaction.atomic
def award_badge(*, user, badge: str, award_key: str = "", at: datetime | None = None, seen=False):
    """Give `user` the badge `badge` (a slug) outside its rule: for demo content and imports
    of history earned elsewhere, never from a screen. Goes through the same award as earning
    it (one award per key, announced after commit unless `seen`). Returns the award, or None
    if the member already has it. ValueError for an unknown badge."""
    spec = badges.BY_SLUG.get(badge)
    if spec is None:
        raise ValueError(f"Unknown badge {badge!r}")
    award = badges.award(user, spec, award_key if spec.multiple else "", announce=not seen)
    if award is not None and (at is not None or seen):
        from .models import BadgeAward

        changes = {"awarded_at": at or award.awarded_at}
        if seen:
            changes["seen_at"] = changes["awarded_at"]
        BadgeAward.objects.filter(pk=award.pk).update(**changes)
        for name, value in changes.items():
            setattr(award, name, value)
    return award


def mark_awards_seen(*, user) -> int:
    """The member has seen their badge notices; returns how many were new."""
    from .models import BadgeAward

    return BadgeAward.objects.filter(user=user, seen_at__isnull=True).update(seen_at=timezone.now())


def replay_user(user_id: int, *, repair: bool) -> tuple[int, int, int]:
    """Re-derive one user's ledger from the start. Returns (stored total, true total, events
    whose points were wrong). With `repair`, stores the true values."""
    with transaction.atomic():
        reputation = _lock(user_id)
        stored = reputation.total
        fixed = _replay(reputation, since=None, save=repair)
        if not repair:
            transaction.set_rollback(True)
        return stored, reputation.total, fixed


# Internals ------------------------------------------------------------------------------


def _apply(event: ReputationEvent) -> bool:
    """Save a point-carrying event under the user's lock and apply it to their total; False
    if the same live event exists. Grants rewards the new total reaches."""
    reputation = _lock(event.user_id)
    duplicate = ReputationEvent.objects.live().filter(
        user_id=event.user_id, reason=event.reason, source_key=event.source_key
    )
    if duplicate.exists():
        return False
    later = ReputationEvent.objects.live().filter(
        user_id=event.user_id, created_at__gt=event.created_at
    )
    if later.exists():
        # Backdated behind standing events: re-derive everything from this event on.
        event.save()
        _replay(reputation, since=event)
        event.refresh_from_db(fields=["points"])
    else:
        # The usual case: the newest event, so the total so far is the running total.
        event.points = _applied_points(reputation, event, capped_reasons())
        event.save()
        if event.points:
            reputation.total += event.points
            Reputation.objects.filter(pk=reputation.pk).update(total=reputation.total)
    rewards.grant_threshold_rewards(user=event.user, total=reputation.total)
    _cache_total(event.user, reputation.total)
    leaderboard_cache.invalidate_on_commit()
    return True


def _lock(user_id: int) -> Reputation:
    """The user's Reputation row, created at the starting value if missing, locked."""
    reputation = Reputation.objects.select_for_update().filter(user_id=user_id).first()
    if reputation is None:
        Reputation.objects.bulk_create([Reputation(user_id=user_id)], ignore_conflicts=True)
        reputation = Reputation.objects.select_for_update().get(user_id=user_id)
    return reputation


def _replay(reputation: Reputation, *, since: ReputationEvent | None, save: bool = True) -> int:
    """Re-derive `points` of the user's live events from `since` on (all when None) and the
    total. Needs the user's Reputation row locked. Returns how many events changed."""
    live = ReputationEvent.objects.live().filter(user_id=reputation.user_id)
    if since is None:
        before, later = live.none(), live
    else:
        at = Q(created_at__lt=since.created_at) | Q(created_at=since.created_at, id__lt=since.id)
        before, later = live.filter(at), live.exclude(at)
    later = list(later.chronological())
    running = STARTING_REPUTATION + (before.aggregate(s=Sum("points"))["s"] or 0)
    capped = set(capped_reasons())
    days = {event.day for event in later if event.reason in capped}
    used = {}
    if days:
        used = dict(
            before.filter(reason__in=capped, day__in=days)
            .order_by()
            .values("day")
            .annotate(s=Sum("points"))
            .values_list("day", "s")
        )
    cap = daily_vote_cap()
    changed = []
    for event in later:
        points = _clip(event, running, used, capped, cap)
        running += points
        if points != event.points:
            event.points = points
            changed.append(event)
    if save:
        if changed:
            ReputationEvent.objects.bulk_update(changed, ["points"])
        if running != reputation.total:
            Reputation.objects.filter(pk=reputation.pk).update(total=running)
    reputation.total = running
    return len(changed)


def _clip(event, running: int, used: dict, capped: set, cap: int) -> int:
    """The points `event` counts for, given the total before it and the vote points already
    used per day (updated in place)."""
    points = event.base_points
    if event.reason in capped and points > 0:
        points = min(points, max(0, cap - used.get(event.day, 0)))
        used[event.day] = used.get(event.day, 0) + points
    elif points < 0:
        points = max(points, STARTING_REPUTATION - running)
    return points


def _applied_points(reputation: Reputation, event: ReputationEvent, capped) -> int:
    """Points for a new newest event: one query for the day's used cap when it is capped."""
    capped = set(capped)
    used = {}
    if event.reason in capped and event.base_points > 0:
        used[event.day] = (
            ReputationEvent.objects.live()
            .filter(user_id=reputation.user_id, reason__in=capped, day=event.day)
            .aggregate(s=Sum("points"))["s"]
            or 0
        )
    return _clip(event, reputation.total, used, capped, daily_vote_cap())


def _revert(events, *, by, why: str) -> int:
    user_ids = sorted(set(events.values_list("user_id", flat=True)))
    count = 0
    # Lock users in id order so two reversals never wait on each other in a cycle.
    for user_id in user_ids:
        reputation = _lock(user_id)
        mine = list(events.filter(user_id=user_id).chronological())
        if not mine:
            continue
        ReputationEvent.objects.filter(pk__in=[e.pk for e in mine]).update(
            reverted_at=timezone.now(), reverted_by=by, revert_reason=why[:300]
        )
        _replay(reputation, since=mine[0])
        _cache_total(None, reputation.total, user_id=user_id)
        count += len(mine)
    if count:
        leaderboard_cache.invalidate_on_commit()
    return count


def _tags_text(tags) -> str:
    if not tags:
        return ""
    names = [str(t).strip().lower().replace("|", "") for t in tags if str(t).strip()]
    return ("|" + "|".join(names) + "|")[:500] if names else ""


def _hash_key(key: str) -> str:
    return hashlib.sha256(f"vraagbaak-visitor:{key}".encode()).hexdigest()


def _note_visitor(event: ReputationEvent, key: str) -> None:
    """Remember the key the acting member used; flag points given to a member by another
    account (or an anonymous visitor) acting from a key that member used (one browser, two
    identities)."""
    key_hash = _hash_key(key)
    if event.actor_id:
        try:
            with transaction.atomic():
                VisitorSighting.objects.update_or_create(user_id=event.actor_id, key_hash=key_hash)
        except IntegrityError:
            pass  # The same sighting was stored by a concurrent request: nothing to add.
    rule = rule_for(event.reason)
    if not (rule.is_vote or rule.needs_other_actor) or event.actor_id == event.user_id:
        return
    if VisitorSighting.objects.filter(user_id=event.user_id, key_hash=key_hash).exists():
        AbuseReport.objects.create(
            kind=AbuseReport.Kind.SAME_VISITOR,
            voter_id=event.actor_id or event.user_id,
            target_id=event.user_id,
            votes=1,
            detail=f"{event.reason} {event.source_key}"[:300],
        )


def _cache_total(user, total: int, *, user_id: int | None = None) -> None:
    """Keep the total cached on the user object in hand (see selectors.reputation_of)."""
    if user is not None:
        user._gamification_reputation = total


def _require_staff(by) -> None:
    if not (by and by.is_active and (by.is_staff or by.is_superuser)):
        raise PermissionDenied(_("Only staff can change reputation by hand."))
