"""Community test data, made through the services so reputation and revisions are real."""

from django.contrib.auth.models import Group

from community import services
from community.roles import MODERATORS_GROUP
from gamification import services as gamification
from gamification.selectors import reputation_of
from tests.factories import UserFactory

BODY = "Mijn pakket is al vijf dagen onderweg volgens de track-and-trace. Wat kan ik doen?"
ANSWER = (
    "Neem contact op met de vervoerder; na zeven werkdagen start de klantenservice een onderzoek."
)


def staff():
    """A staff member who moderates the community (staff status alone does not)."""
    user = UserFactory(is_staff=True, username="staffer")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


def moderator(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


def member_with(points: int, **kwargs):
    """A member with `points` reputation in total (granted by staff through the ledger)."""
    user = UserFactory(**kwargs)
    if points > 1:
        by = UserFactory(is_staff=True)
        gamification.grant_points(user=user, points=points - 1, by=by, why="test")
    for attr in ("_gamification_reputation",):
        user.__dict__.pop(attr, None)
    assert reputation_of(user) == points
    return user


def ask(author=None, **kwargs):
    author = author or UserFactory()
    defaults = {
        "title": "Waar blijft mijn pakket?",
        "body": BODY,
        "tags": ["levering"],
        "locale": "nl",
    }
    return services.ask_question(author=author, **(defaults | kwargs))


def answer(question, author=None, body=ANSWER):
    return services.post_answer(author=author or UserFactory(), question=question, body=body)
