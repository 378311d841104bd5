"""The people and posts the security tests attack: one of each role, and public as well as
hidden posts (pending, deleted), made through the services like the site makes them."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from community import services
from community.models import Question
from gamification.privileges import CUSTOMER_SERVICE_GROUP
from support import services as support_services
from tests.community.factories import ANSWER, BODY, member_with, moderator
from tests.factories import UserFactory

# The roles of issue 15, in the order the permission table lists them.
ROLES = (
    "anon", "new", "shopper", "high", "suspended", "moderator", "editor", "support", "admin",
)
SUPPORT_GROUP = CUSTOMER_SERVICE_GROUP
EDITORS_GROUP = "Editors"  # Wagtail's own editors group (created by its migrations)


@dataclass
class World:
    users: dict
    owner: object
    question: Question
    answer: object
    comment: object
    pending: Question
    deleted: Question
    deleted_answer: object
    ticket: object = None  # a private support ticket of `owner`


def make_roles() -> dict:
    suspended = member_with(200, username="geschorst")
    suspended.suspended_until = timezone.now() + timedelta(days=7)
    suspended.save(update_fields=["suspended_until"])
    editor = UserFactory(username="redacteur", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    support = UserFactory(username="klantenservice1", is_staff=True)
    support.groups.add(Group.objects.get_or_create(name=SUPPORT_GROUP)[0])
    return {
        "anon": None,
        "new": UserFactory(username="nieuweling"),
        "shopper": member_with(200, username="vaste-klant"),
        "high": member_with(3000, username="kenner"),
        "suspended": suspended,
        "moderator": moderator(username="moderator1"),
        "editor": editor,
        "support": support,
        "admin": UserFactory(username="beheerder", is_staff=True, is_superuser=True),
    }


def _ask(author, title):
    return services.ask_question(author=author, title=title, body=BODY, tags=["levering"],
                                 locale="nl")


@override_settings(COMMUNITY_FIRST_POSTS_REVIEWED=0)
def build() -> World:
    users = make_roles()
    owner = member_with(200, username="vraagsteller")
    helper = member_with(200, username="helper")
    question = _ask(owner, "Waar blijft mijn pakket?")
    answer = services.post_answer(author=helper, question=question, body=ANSWER)
    comment = services.post_comment(author=helper, post=question, body="Welke vervoerder is het?")
    pending = _ask(owner, "Geheime vraag die nog wacht")
    Question.objects.filter(pk=pending.pk).update(visibility="pending")
    deleted = _ask(owner, "Geheime vraag die verwijderd is")
    services.delete_post(post=deleted, by=users["moderator"], why="spam")
    deleted_answer = services.post_answer(
        author=helper, question=question, body="Dit antwoord is verwijderd door een moderator."
    )
    services.delete_post(post=deleted_answer, by=users["moderator"], why="spam")
    for post in (pending, deleted, deleted_answer, question, answer):
        post.refresh_from_db()
    # A private ticket of someone outside the roles: nobody but its shopper and the desk sees it.
    ticket = support_services.create_ticket(
        subject="Bestelling kwijt", body="Mijn bestelling is niet aangekomen.", language="nl",
        requester=owner, visitor="matrix",
    )
    return World(users=users, owner=owner, question=question, answer=answer, comment=comment,
                 pending=pending, deleted=deleted, deleted_answer=deleted_answer, ticket=ticket)
