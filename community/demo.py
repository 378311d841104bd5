"""Demo members and community content for `manage.py seed_demo`.

Steps 10 and 40-42: members of each role, then questions, answers, votes, accepted and
verified answers, comments, a duplicate, a closed question, flags and a first post waiting
for approval, all made through community.services so reputation events are real; finally a
solved question is promoted to a knowledge-base draft. Steps 43-45 fill the re-verify queue
and, from demo_reviews, the suggested edits and the votes to close.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db.models import F
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from gamification import rates
from gamification import services as gamification
from gamification.selectors import reputation_of
from kb.models import CategoryPage, HomePage, Product

from . import demo_content as content
from . import demo_reviews, demo_timeline, services
from .models import Answer, FreshnessCheck, FreshnessReason, PostStatus, Question, User
from .roles import MODERATORS_GROUP
from .services import notifications

WAGTAIL_EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class DemoMember:
    username: str
    display_name: str
    role: str
    password: str
    is_superuser: bool = False
    groups: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.username}@vraagbaak.example"


MEMBERS = [
    DemoMember("admin", "Beheerder", "admin", "vraagbaak-admin", is_superuser=True),
    DemoMember(
        "moderator",
        "Mila de Moderator",
        "moderator",
        "vraagbaak-moderator",
        groups=(MODERATORS_GROUP,),
    ),
    DemoMember(
        "redacteur",
        "Ruben Redacteur",
        "editor",
        "vraagbaak-redacteur",
        groups=(WAGTAIL_EDITORS_GROUP,),
    ),
    DemoMember("sanne", "Sanne de Vries", "shopper", "vraagbaak-shopper"),
    DemoMember("bram", "Bram Jansen", "shopper", "vraagbaak-shopper"),
    DemoMember("fatima", "Fatima El Amrani", "shopper", "vraagbaak-shopper"),
    DemoMember("joost", "Joost Bakker", "shopper", "vraagbaak-shopper"),
]


def seed_members() -> list[DemoMember]:
    """Create the demo members that are missing, each with a verified e-mail address.

    Existing members are left as they are (their passwords too), so running it twice is safe.
    """
    for member in MEMBERS:
        user, created = User.objects.get_or_create(
            username=member.username,
            defaults={
                "email": member.email,
                "display_name": member.display_name,
                "is_staff": member.is_superuser or member.role == "editor",
                "is_superuser": member.is_superuser,
            },
        )
        if created:
            user.set_password(member.password)
            user.save(update_fields=["password"])
        for name in member.groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return MEMBERS


def seed_community_members() -> None:
    """Extra shoppers with some starting reputation (so new-account limits don't apply), the
    newcomer and the spammer, and Wagtail rights for moderators (admin access for the queues,
    adding pages under the home pages for promoted drafts)."""
    admin = User.objects.get(username="admin")
    for username, name in [*content.EXTRA_SHOPPERS, content.NEWCOMER, content.SPAMMER]:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@vraagbaak.example", "display_name": name},
        )
        if created:
            user.set_password("vraagbaak-shopper")
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
    regulars = [m.username for m in MEMBERS if m.role == "shopper"]
    regulars += [u for u, _ in content.EXTRA_SHOPPERS]
    for user in User.objects.filter(username__in=regulars):
        if reputation_of(user) < 125:
            gamification.grant_points(
                user=user, points=150, by=admin, why="Demo: vaste klant in de community"
            )
    group = Group.objects.get_or_create(name=MODERATORS_GROUP)[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    add_page = Permission.objects.get(codename="add_page", content_type__app_label="wagtailcore")
    for home in Page.objects.type(HomePage):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=add_page)


def seed_questions() -> None:
    """The demo questions, skipping those that exist; e-mail stays quiet while seeding."""
    users = {u.username: u for u in User.objects.all()}
    made = {q.title: q for q in Question.objects.all()}
    with notifications.quiet(), rates.unlimited():
        for spec in content.QUESTIONS:
            if spec[1] not in made:
                made[spec[1]] = _question(spec, users, made)
        _pending_first_post(users)
    _spread_over_time()


def _question(spec, users, made) -> Question:
    author, title, body, tags, product_slug, answers, extra = spec
    lang = extra.get("lang", "nl")
    product = Product.objects.filter(slug=product_slug, locale__language_code=lang).first()
    question = services.ask_question(
        author=users[author],
        title=title,
        body=body,
        tags=tags,
        locale=lang,
        product=product if product_slug else None,
    )
    moderator = users["moderator"]
    _approve(question, moderator)
    voters = [u for u in users.values() if u.username in _VOTERS]
    _vote(question, voters, extra.get("votes", 0))
    posted = []
    for answerer, text, votes, marks in answers:
        reply = services.post_answer(author=users[answerer], question=question, body=text)
        _approve(reply, moderator)
        _vote(reply, voters, votes)
        if "verified" in marks:
            services.verify_answer(answer=reply, by=moderator)
        if "accepted" in marks:
            services.accept_answer(answer=reply, by=users[author])
        posted.append(reply)
    for commenter, index, text in extra.get("comments", []):
        post = question if index is None else posted[index]
        services.post_comment(author=users[commenter], post=post, body=text)
    for flagger, index, reason, note in extra.get("flags", []):
        post = question if index is None else posted[index]
        services.raise_flag(post=post, by=users[flagger], reason=reason, note=note)
    if extra.get("duplicate_of"):
        services.mark_duplicate(
            question=question, original=made[extra["duplicate_of"]], by=moderator
        )
    if extra.get("closed"):
        reason, note = extra["closed"]
        services.close_question(question=question, by=moderator, reason=reason, note=note)
    for field in ("pinned", "locked"):
        if extra.get(field):
            services.set_flag_field(
                question=question,
                by=moderator,
                field=f"is_{field}",
                value=True,
                why="Uitleg voor nieuwe leden",
            )
    return question


_VOTERS = {
    "sanne",
    "bram",
    "fatima",
    "joost",
    "lotte",
    "mehmet",
    "anouk",
    "pieter",
    "emma",
    "daan",
    "sophie",
}


def _approve(post, moderator) -> None:
    # A demo regular's first post waits like anyone's; the moderator approves it.
    if post.visibility == PostStatus.PENDING:
        services.review_post(post=post, by=moderator, approve=True)


def _vote(post, voters, net: int) -> None:
    eligible = [v for v in voters if v.pk != post.author_id]
    for voter in eligible[: abs(net)]:
        services.cast_vote(user=voter, post=post, value=1 if net > 0 else -1)


def _pending_first_post(users) -> None:
    newcomer = users[content.NEWCOMER[0]]
    if Question.objects.filter(author=newcomer).exists():
        return
    title, body, tags = content.PENDING_FIRST_POST
    services.ask_question(author=newcomer, title=title, body=body, tags=tags, locale="nl")


def _spread_over_time() -> None:
    """Seeded posts all carry the same minute; spread them over the last weeks so the lists
    look lived-in. `demo_timeline` (order 48) then dates votes, reputation, join dates and
    badges to match."""
    now = timezone.now()
    questions = list(Question.objects.order_by("pk"))
    for age, question in enumerate(reversed(questions)):
        asked = now - timedelta(days=age * 1.2 + 0.3, hours=age % 7)
        Question.objects.filter(pk=question.pk).update(created_at=asked, last_activity_at=asked)
        for hours, answer in enumerate(question.answers.order_by("pk"), start=1):
            answered = asked + timedelta(hours=hours * 3)
            Answer.objects.filter(pk=answer.pk).update(created_at=answered)
            Question.objects.filter(pk=question.pk).update(last_activity_at=answered)


def seed_promoted_article() -> None:
    """The verified bedenktijd answer becomes a draft in "Retourneren en ruilen"."""
    question = Question.objects.filter(
        title="Hoe lang heb ik bedenktijd bij een online aankoop?", kb_article__isnull=True
    ).first()
    category = CategoryPage.objects.filter(
        slug="retourneren-en-ruilen", locale__language_code="nl"
    ).first()
    if question is None or category is None:
        return
    with notifications.quiet():
        services.promote_to_article(
            question=question, by=User.objects.get(username="moderator"), category=category
        )


def seed_reverify_queue() -> None:
    """Two verified answers start in the re-verify queue, as if their product had just
    changed in the back office (the answers of a product's other questions stay current)."""
    if FreshnessCheck.objects.filter(action=FreshnessCheck.Action.FLAGGED).exists():
        return
    picked = list(
        Answer.objects.filter(is_verified=True, visibility=PostStatus.PUBLISHED)
        .select_related("question__product")
        .order_by(F("question__product").asc(nulls_last=True), "pk")[:2]
    )
    for answer in picked:
        product = answer.question.product
        services.freshness.mark_possibly_outdated(
            answers=Answer.objects.filter(pk=answer.pk),
            reason=FreshnessReason.PRODUCT if product else FreshnessReason.EXPIRED,
            detail=product.name if product else "",
        )


# (order, label, step) for `manage.py seed_demo`; lower orders run first.
STEPS = [
    (10, "members", seed_members),
    (40, "community members", seed_community_members),
    (41, "community questions", seed_questions),
    (42, "promoted community answer", seed_promoted_article),
    (43, "answers to re-verify", seed_reverify_queue),
    (44, "suggested edits", demo_reviews.seed_suggested_edits),
    (45, "close votes", demo_reviews.seed_close_votes),
    (48, "a lived-in timeline", demo_timeline.seed_timeline),
]
