"""The logged-out page cache over real HTTP: what is stored, what is never stored, and that
every write the services know makes the pages showing it render fresh."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from community import services
from community.models import Answer, Comment, Question
from kb.announcements import forget_cached
from kb.models import Announcement
from tests.community.factories import answer, ask, member_with, moderator
from tests.factories import PASSWORD, UserFactory
from tests.kb import factories as kb
from vraagbaak import page_cache

pytestmark = pytest.mark.django_db
HEADER = page_cache.HEADER


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0


@pytest.fixture
def tree(home_pages):
    delivery = kb.category(title="Verzending en levering", slug="verzending")
    parcel = kb.article(delivery, title="Waar blijft mijn pakket", slug="pakket")
    return {"home": home_pages, "delivery": delivery, "article": parcel}


def get(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def text(url, client=None) -> str:
    return get(url, client).content.decode()


def fresh_then_cached(url):
    first, second = get(url), get(url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    return second.content.decode()


class TestWhatIsServedFromTheCache:
    def test_a_help_centre_page_is_rendered_once_then_served_without_queries(
        self, tree, django_assert_num_queries
    ):
        url = tree["article"].url
        first = get(url)
        with django_assert_num_queries(0):
            second = get(url)
        assert second[HEADER] == "hit"
        assert _without_tokens(second.content) == _without_tokens(first.content)

    def test_the_key_holds_language_path_and_query(self, tree):
        ask(title="Pakket kwijt bij de buren")
        assert get("/nl/vragen/")[HEADER] == "miss"
        assert get("/nl/vragen/?sort=active")[HEADER] == "miss"
        assert get("/nl/vragen/?sort=active")[HEADER] == "hit"
        assert get("/en/questions/")[HEADER] == "miss"

    def test_cached_pages_vary_on_cookie(self, tree):
        for response in (get(tree["home"].url), get(tree["home"].url)):
            assert "Cookie" in response["Vary"]

    def test_search_and_forms_are_never_cached(self, tree):
        assert HEADER not in get("/nl/zoeken/?q=pakket")
        assert HEADER not in Client().get("/nl/vragen/stellen/")

    def test_a_question_page_served_from_the_cache_still_counts_views(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        url = question.get_absolute_url()
        for _ in range(1 + page_cache.VIEW_FLUSH_EVERY):
            get(url)
        question.refresh_from_db()
        assert question.view_count == 1 + page_cache.VIEW_FLUSH_EVERY


class TestNothingPersonalIsCached:
    def test_a_member_never_gets_the_cached_page_and_their_page_is_never_stored(self, tree):
        member = UserFactory(display_name="Marloes de Tester")
        url = tree["article"].url
        get(url)  # stored for logged-out visitors
        client = Client()
        assert client.login(username=member.username, password=PASSWORD)
        mine = get(url, client)
        assert HEADER not in mine and "Marloes de Tester" in mine.content.decode()
        client.logout()
        again = Client().get(url)
        assert "Marloes de Tester" not in again.content.decode()
        assert again[HEADER] == "hit"

    def test_every_visitor_gets_a_csrf_token_of_their_own(self, tree):
        url = tree["article"].url  # the "was this helpful?" form needs a token
        tokens = {}
        for name in ("first", "second"):
            client = Client()
            response = get(url, client)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                              response.content.decode()).group(1)
            secret = client.cookies["csrftoken"].value
            assert _unmask_cipher_token(token) == secret
            tokens[name] = secret
        assert tokens["first"] != tokens["second"]

    def test_the_stored_page_holds_no_token_and_no_cookie(self, tree):
        url = tree["article"].url
        get(url)
        entries = [page_cache.page_cache().get(key) for key in _stored_keys()]
        pages = [entry for entry in entries if isinstance(entry, dict) and "content" in entry]
        assert pages
        for entry in pages:
            assert b"csrfmiddlewaretoken" in entry["content"]
            assert page_cache.CSRF_PLACEHOLDER.encode() in entry["content"]
            assert not any(name.lower() == "set-cookie" for name in entry["headers"])

    def test_a_message_is_shown_to_its_visitor_only(self, tree):
        page = tree["article"]
        visitor = Client()
        response = visitor.post(f"/nl/feedback/{page.pk}/", {"helpful": "yes"}, follow=True)
        assert "Bedankt voor je feedback" in response.content.decode()
        assert "Bedankt voor je feedback" not in text(page.url)
        assert "Bedankt voor je feedback" not in text(page.url)

    def test_a_dismissed_announcement_stays_hidden_for_that_visitor_only(self, tree):
        banner = _announce("Storing bij de bezorgdienst")
        url = tree["article"].url
        assert "Storing bij de bezorgdienst" in fresh_then_cached(url)
        visitor = Client()
        dismissed = visitor.post(reverse("kb:dismiss_announcement", args=[banner.pk]),
                                 {"next": url})
        assert dismissed.status_code == 302, dismissed
        assert "Storing bij de bezorgdienst" not in text(url, visitor)
        assert "Storing bij de bezorgdienst" in text(url)


class TestWritesPurgeThePagesShowingThem:
    def test_a_new_answer(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        url = question.get_absolute_url()
        fresh_then_cached(url)
        answer(question, body="Vraag het na bij de buren op nummer zeven, daar ligt het vaak.")
        assert "buren op nummer zeven" in text(url)

    def test_a_new_comment(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.post_comment(author=member_with(100), post=question,
                              body="Heb je al bij het afhaalpunt gekeken?")
        assert "afhaalpunt gekeken" in text(url)

    def test_an_edited_answer(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        reply = answer(question)
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.edit_post(post=reply, by=reply.author,
                           body="Bijgewerkt: bel eerst de vervoerder, dan de klantenservice.")
        assert "Bijgewerkt: bel eerst de vervoerder" in text(url)

    def test_a_vote_that_changes_the_order(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        answer(question, body="Eerste antwoord: kijk bij de buren of in de schuur.")
        second = answer(question, body="Tweede antwoord: bel de vervoerder over de levering.")
        url = question.get_absolute_url()
        before = fresh_then_cached(url)
        assert before.index("Eerste antwoord") < before.index("Tweede antwoord")
        services.cast_vote(user=member_with(100), post=second, value=1)
        after = text(url)
        assert after.index("Tweede antwoord") < after.index("Eerste antwoord")

    def test_an_accepted_answer(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        reply = answer(question)
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.accept_answer(answer=reply, by=question.author)
        assert Client().get(url)[HEADER] == "miss"
        assert Answer.objects.get(pk=reply.pk).is_accepted

    def test_a_verified_answer(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        reply = answer(question)
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.verify_answer(answer=reply, by=moderator())
        assert Client().get(url)[HEADER] == "miss"

    def test_a_moderator_closing_a_question(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.close_question(question=question, by=moderator(), reason="off_topic")
        assert Client().get(url)[HEADER] == "miss"

    def test_a_moderator_deleting_an_answer(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        reply = answer(question, body="Dit antwoord verdwijnt zo meteen weer van de pagina.")
        url = question.get_absolute_url()
        assert "verdwijnt zo meteen" in fresh_then_cached(url)
        services.delete_post(post=reply, by=moderator(), why="spam")
        assert "verdwijnt zo meteen" not in text(url)

    def test_merging_duplicates_refreshes_the_original(self, tree):
        original = ask(title="Pakket kwijt bij de buren")
        copy = ask(title="Mijn pakket is weg bij de buren")
        answer(copy, body="Samengevoegd antwoord over het pakket bij de buren.")
        url = original.get_absolute_url()
        fresh_then_cached(url)
        services.mark_duplicate(question=copy, original=original, by=moderator(),
                                merge_answers=True)
        assert "Samengevoegd antwoord" in text(url)

    def test_a_new_question_refreshes_the_lists_but_not_other_questions(self, tree):
        other = ask(title="Pakket kwijt bij de buren")
        asker = UserFactory()  # a member's own saves refresh the pages showing their name
        fresh_then_cached("/nl/vragen/")
        fresh_then_cached(other.get_absolute_url())
        ask(author=asker, title="Kan ik mijn bestelling nog wijzigen?")
        assert "nog wijzigen" in text("/nl/vragen/")
        assert get(other.get_absolute_url())[HEADER] == "hit"

    def test_publishing_an_article_refreshes_its_category_and_the_home_page(self, tree):
        category = tree["delivery"]
        fresh_then_cached(category.url)
        fresh_then_cached(tree["home"].url)
        kb.article(category, title="Bezorging op zaterdag", slug="zaterdag")
        assert "Bezorging op zaterdag" in text(category.url)
        assert get(tree["home"].url)[HEADER] == "miss"

    def test_unpublishing_an_article_removes_it_from_its_category(self, tree):
        category = tree["delivery"]
        assert "Waar blijft mijn pakket" in fresh_then_cached(category.url)
        tree["article"].unpublish()
        assert "Waar blijft mijn pakket" not in text(category.url)

    def test_an_announcement_saved_shows_at_once(self, tree):
        url = tree["article"].url
        fresh_then_cached(url)
        _announce("Storing bij de bezorgdienst")
        assert "Storing bij de bezorgdienst" in text(url)

    def test_a_scheduled_announcement_caps_how_long_pages_are_kept(self, tree):
        now = timezone.now()
        _announce("Straks onderhoud", starts_in=timedelta(seconds=90))
        assert 0 < page_cache._seconds_left(now) <= 90
        _announce("Nu onderhoud", ends_in=timedelta(seconds=30))
        assert 0 < page_cache._seconds_left(now) <= 30

    def test_a_member_renaming_themselves_refreshes_their_questions(self, tree):
        question = ask(title="Pakket kwijt bij de buren")
        url = question.get_absolute_url()
        fresh_then_cached(url)
        services.update_profile(user=question.author, display_name="Nieuwe Naam", bio="")
        assert "Nieuwe Naam" in text(url)


class TestQueryCounts:
    def test_a_question_with_100_answers_and_300_comments_costs_at_most_ten_queries(
        self, tree, settings
    ):
        settings.PAGE_CACHE_ENABLED = False
        question = _big_question()
        url = question.get_absolute_url()
        get(url)
        with CaptureQueriesContext(connection) as uncached:
            response = get(url)
        assert response.content.decode().count('class="post answer') >= 100
        assert len(uncached) <= 10, [q["sql"][:120] for q in uncached]


def _big_question() -> Question:
    question = ask(title="Hoe sluit ik de wasmachine aan?")
    authors = [UserFactory() for _ in range(10)]
    Answer.objects.bulk_create(
        Answer(question=question, author=authors[n % 10], body=f"Antwoord {n} over de slang.",
               body_html=f"<p>Antwoord {n} over de slang.</p>")
        for n in range(100)
    )
    answers = list(question.answers.all())
    Comment.objects.bulk_create(
        Comment(answer=answers[n % 100], author=authors[n % 10], body=f"Opmerking {n}")
        for n in range(300)
    )
    return question


def _announce(title, *, starts_in=timedelta(minutes=-60), ends_in=timedelta(minutes=60)):
    now = timezone.now()
    banner = Announcement.objects.create(
        title=title, message="<p>Bestellingen komen een dag later.</p>",
        locale=Locale.objects.get(language_code="nl"),
        starts_at=now + starts_in, ends_at=now + ends_in,
    )
    forget_cached()  # as the snippet editor's save hook does (kb/wagtail_hooks.py)
    return banner


def _without_tokens(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def _stored_keys():
    backend = page_cache.page_cache()
    return [key.split(":", 2)[-1] for key in backend._cache]
