"""community.services.promote_to_article: a solved question becomes a kb draft."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import GroupPagePermission

from community import services
from community.roles import MODERATORS_GROUP
from gamification import rules
from gamification.models import ReputationEvent
from kb.models import ArticlePage, HomePage
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
    assert "zeven werkdagen" in "".join(str(block.value) for block in article.body)
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


class TestTheDraftReadsAsAnArticle:
    """A promoted answer is shaped into an article: a task title, the question as context,
    the answer as numbered steps, and the question as its source."""

    @pytest.mark.parametrize(("question", "title"), [
        ("Hoe kan ik mijn bestelling annuleren?", "Zo kun je je bestelling annuleren"),
        ("Hoe retourneer ik een kapotte waterkoker?", "Zo retourneer je een kapotte waterkoker"),
        ("Hoe werkt achteraf betalen?", "Zo werkt achteraf betalen"),
        ("How do I change my delivery address?", "How to change your delivery address"),
        ("How to pay in instalments?", "How to pay in instalments"),
        ("Hoe lang heb ik bedenktijd?", "Hoe lang heb ik bedenktijd?"),
        ("Waarom is mijn pakket vertraagd?", "Waarom is mijn pakket vertraagd?"),
    ])
    def test_a_how_question_becomes_a_task_title(self, question, title):
        assert services.promotion.article_title(question) == title

    def test_list_items_become_numbered_steps_with_the_question_as_context(self, mod):
        category = kb.category(title="Bestellen")
        question = ask(title="Hoe kan ik mijn bestelling annuleren?",
                       body="Ik heb per ongeluk twee keer besteld.")
        answer(question, body=(
            "Dat kan zolang het pakket nog niet verzonden is:\n\n"
            "1. Log in en open **Mijn bestellingen**. Je ziet daar al je bestellingen.\n"
            "2. Kies de bestelling en klik op Annuleren.\n"
            "3. Bevestig met [deze link](https://example.com/annuleren).\n\n"
            "Je krijgt binnen een dag je geld terug."
        ))
        article = ArticlePage.objects.get(
            pk=services.promote_to_article(question=question, by=mod, category=category).pk
        )
        assert article.title == "Zo kun je je bestelling annuleren"
        blocks = [(block.block_type, block.value) for block in article.body]
        assert [kind for kind, _value in blocks] == [
            "heading", "rich_text", "heading", "rich_text", "steps", "rich_text"]
        assert blocks[0][1]["text"] == "De vraag"
        assert "twee keer besteld" in str(blocks[1][1])
        assert blocks[2][1]["text"] == "Stap voor stap"
        steps = blocks[4][1]["steps"]
        assert [step["title"] for step in steps] == [
            "Log in en open Mijn bestellingen.",
            "Kies de bestelling en klik op Annuleren.",
            "Bevestig met deze link.",
        ]
        assert "Je ziet daar al je bestellingen" in str(steps[0]["text"])
        assert "https://example.com/annuleren" in str(steps[2]["text"])
        assert "geld terug" in str(blocks[5][1])
        assert article.source_url.endswith(question.get_absolute_url())

    def test_an_answer_of_several_lines_becomes_one_step_per_line(self, mod):
        question = ask(title="How do I descale my coffee machine?", locale="en",
                       body="It makes a strange noise and the coffee tastes odd.")
        answer(question, body="Fill the tank with descaler\nPress the clean button\n"
                              "Rinse twice with fresh water")
        english_home = HomePage.objects.get(locale__language_code="en")
        GroupPagePermission.objects.create(
            group=mod.groups.get(name=MODERATORS_GROUP), page=english_home,
            permission=Permission.objects.get(codename="add_page"),
        )
        category = kb.category(english_home, title="Account", slug="account")
        article = services.promote_to_article(question=question, by=mod, category=category)
        article = ArticlePage.objects.get(pk=article.pk)
        steps = next(block.value for block in article.body if block.block_type == "steps")
        assert [step["title"] for step in steps["steps"]] == [
            "Fill the tank with descaler", "Press the clean button",
            "Rinse twice with fresh water"]
        assert article.title == "How to descale your coffee machine"
        assert article.body[0].value["text"] == "The question"

    def test_a_one_paragraph_answer_stays_as_written(self, mod):
        question = ask(title="Waarom is mijn pakket vertraagd?")
        answer(question, body="Door de feestdagen is PostNL een dag later dan normaal.")
        article = ArticlePage.objects.get(pk=services.promote_to_article(
            question=question, by=mod, category=kb.category(title="Verzending")).pk)
        assert article.title == "Waarom is mijn pakket vertraagd?"
        assert [block.block_type for block in article.body] == [
            "heading", "rich_text", "heading", "rich_text"]
        assert article.body[2].value["text"] == "Het antwoord"
        assert "feestdagen" in str(article.body[3].value)

    def test_the_success_message_links_to_the_draft(self, client, mod):
        from tests.factories import PASSWORD

        category = kb.category(title="Betalen")
        question = ask()
        answer(question)
        client.login(username=mod.username, password=PASSWORD)
        response = client.post(
            f"/nl/vragen/{question.pk}/naar-helpcentrum/",
            {"category": category.pk, "answer": ""}, follow=True,
        )
        question.refresh_from_db()
        article = question.kb_article
        edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
        assert f'<a href="{edit}">Open het concept</a>' in response.content.decode()
