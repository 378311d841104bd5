"""Hidden means hidden: a pending or deleted question (and everything on it) is a 404 on every
question-scoped route for whoever may not see it, and never leaks its title."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from community import services
from community.models import Question
from tests.factories import PASSWORD, UserFactory

from .factories import answer, ask, moderator

pytestmark = pytest.mark.django_db

TITLE = "Geheime vraag over mijn bestelling"


def routes(question, hidden_answer):
    """(method, url, data) for every route that names a question or one of its answers."""
    q, a = question.pk, hidden_answer.pk
    with translation.override("nl"):
        url = lambda name, **kw: reverse(f"community:{name}", kwargs=kw)  # noqa: E731
        return [
            ("get", url("question_short", pk=q), {}),
            ("get", url("question", pk=q, slug=question.slug), {}),
            ("get", url("question", pk=q, slug="iets-anders"), {}),
            ("get", url("answer", pk=q), {}),
            ("post", url("answer", pk=q), {"body": ""}),
            ("get", url("edit_question", pk=q), {}),
            ("get", url("question_history", pk=q), {}),
            ("get", url("edit_answer", pk=a), {}),
            ("get", url("answer_history", pk=a), {}),
            ("get", url("promote", pk=q), {}),
            ("post", url("moderate", pk=q), {"action": "lock"}),
            ("get", url("flag", kind="question", pk=q), {}),
            ("post", url("flag", kind="question", pk=q), {"reason": "spam"}),
            ("get", url("flag", kind="answer", pk=a), {}),
            ("post", url("follow", kind="question", pk=q), {"on": "1"}),
            ("post", url("vote", kind="question", pk=q), {"value": "up"}),
            ("post", url("vote", kind="answer", pk=a), {"value": "up"}),
            ("post", url("comment", kind="question", pk=q), {"body": "Een opmerking hier"}),
            ("post", url("comment", kind="answer", pk=a), {"body": "Een opmerking hier"}),
            ("post", url("accept", kind="answer", pk=a), {}),
            ("post", url("verify", kind="answer", pk=a), {}),
        ]


@pytest.fixture
def pending(settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 1
    question = ask(title=TITLE)
    assert question.visibility == "pending"
    return question, answer(question, author=moderator())


@pytest.fixture
def deleted():
    question = ask(title=TITLE)
    reply = answer(question)
    services.delete_post(post=question, by=moderator(), why="spam")
    question.refresh_from_db()
    return question, reply


def client_for(client, user):
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def statuses(client, question, reply):
    result = {}
    for method, url, data in routes(question, reply):
        response = getattr(client, method)(url, data)
        result[(method, url)] = response
    return result


@pytest.mark.parametrize("state", ["pending", "deleted"])
@pytest.mark.parametrize("who", ["anonymous", "fresh account"])
def test_hidden_questions_are_404_on_every_route_for_those_who_may_not_see_them(
    client, request, state, who
):
    question, reply = request.getfixturevalue(state)
    user = None if who == "anonymous" else UserFactory()
    responses = statuses(client_for(client, user), question, reply)
    wrong = {key: r.status_code for key, r in responses.items() if r.status_code != 404}
    assert wrong == {}
    for response in responses.values():
        assert TITLE not in response.content.decode()
        assert question.slug not in response.get("Location", "")
    assert not Question.objects.get(pk=question.pk).is_locked


@pytest.mark.parametrize("who", ["author", "moderator"])
def test_the_author_and_moderators_still_reach_a_pending_question(client, pending, who):
    question, reply = pending
    user = question.author if who == "author" else moderator()
    responses = statuses(client_for(client, user), question, reply)
    assert all(r.status_code != 404 for r in responses.values())
    page = client.get(question.get_absolute_url())
    assert page.status_code == 200 and TITLE in page.content.decode()


def test_a_deleted_question_is_hidden_from_its_author_but_not_from_moderators(client, deleted):
    question, reply = deleted
    assert client_for(client, question.author).get(question.get_absolute_url()).status_code == 404
    client.logout()
    responses = statuses(client_for(client, moderator()), question, reply)
    assert all(r.status_code != 404 for r in responses.values())


def test_an_invalid_answer_on_a_hidden_question_does_not_render_it(client, pending):
    question, _reply = pending
    client_for(client, UserFactory())
    with translation.override("nl"):
        url = reverse("community:answer", kwargs={"pk": question.pk})
    response = client.post(url, {"body": ""})
    assert response.status_code == 404 and TITLE not in response.content.decode()


def test_visible_to_is_the_one_queryset_rule(pending):
    question, _reply = pending
    stranger, mod = UserFactory(), moderator()
    assert not Question.objects.visible_to(AnonymousUser()).filter(pk=question.pk).exists()
    assert not Question.objects.visible_to(stranger).filter(pk=question.pk).exists()
    assert Question.objects.visible_to(question.author).filter(pk=question.pk).exists()
    assert Question.objects.visible_to(mod).filter(pk=question.pk).exists()


@pytest.mark.parametrize("kind", ["comment", "tag", "user", "Question", "answer "])
def test_votes_on_unsupported_or_unknown_kinds_are_404(client, kind, settings):
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
    question = ask()
    comment = services.post_comment(author=question.author, post=question, body="Een opmerking")
    voter = UserFactory()
    assert client.login(username=voter.username, password=PASSWORD)
    response = client.post(f"/nl/community/{kind}/{comment.pk}/vote/", {"value": "up"})
    assert response.status_code == 404
