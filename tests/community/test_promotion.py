"""community.services.promote_to_article: a solved question becomes a kb draft."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission

from community import services
from community.roles import MODERATORS_GROUP
from gamification import rules
from gamification.models import ReputationEvent
from kb.models import ArticlePage
from tests.kb import factories as kb

from .factories import answer, ask, moderator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def mod(home_pages):
    user = moderator()
    group = user.groups.get(name=MODERATORS_GROUP)
    GroupPagePermission.objects.create(
        group=group,
        page=kb.dutch_home(),
        permission=Permission.objects.get(codename="add_page"),
    )
    return user


def test_moderator_promotes_the_verified_answer_crediting_its_author(client, mod):
    category = kb.category(title="Verzending")
    question = ask()
    answer(question, body="Eerst de buren vragen, dan de vervoerder bellen, dan ons mailen.")
    verified = answer(question, body="Na zeven werkdagen start de klantenservice een onderzoek.")
    services.verify_answer(answer=verified, by=mod)
    article = services.promote_to_article(question=question, by=mod, category=category)
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live and article.title == question.title
    assert article.credit == verified.author.public_name
    assert "zeven werkdagen" in str(article.body[0].value)
    question.refresh_from_db()
    assert question.kb_article_id == article.pk
    assert ReputationEvent.objects.filter(reason=rules.ANSWER_PROMOTED, user=verified.author)
    # The question links to the article only once it is live.
    assert (
        "een artikel in ons helpcentrum"
        not in client.get(question.get_absolute_url()).content.decode()
    )
    article.save_revision().publish()
    text = client.get(question.get_absolute_url()).content.decode()
    assert "Van deze vraag is een artikel in ons helpcentrum gemaakt" in text


def test_shopper_cannot_promote(home_pages):
    question = ask()
    answer(question)
    with pytest.raises(PermissionDenied):
        services.promote_to_article(question=question, by=question.author, category=kb.category())


def test_promote_page_creates_the_draft(client, mod):
    from tests.factories import PASSWORD

    category = kb.category(title="Betalen")
    question = ask()
    answer(question)
    client.login(username=mod.username, password=PASSWORD)
    response = client.post(
        f"/nl/vragen/{question.pk}/naar-helpcentrum/", {"category": category.pk, "answer": ""}
    )
    assert response.status_code == 302
    assert ArticlePage.objects.filter(title=question.title, live=False).exists()
