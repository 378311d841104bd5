"""The question page's shared answer fragments (community.templatetags.post_fragments): one
rendering serves every visitor, every write re-keys what it changes, and nothing of the viewer
is ever inside a fragment."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from community import services
from tests.factories import PASSWORD, UserFactory

from .factories import ask, member_with, moderator

pytestmark = pytest.mark.django_db


def fragment_keys() -> set[str]:
    # LocMemCache (the test settings) keeps its keys in `_cache`; the key names are ours.
    return {k for k in cache._cache if ":frag:answer:" in k}


def fragments() -> list:
    return [cache.get(k.split(":", 2)[2]) for k in fragment_keys()]


def answers_of(text: str) -> str:
    return text[text.index('id="answers"') : text.index('id="your-answer"')]


def page(question, user=None) -> str:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def thread():
    asker, helper, commenter = UserFactory(), member_with(100), member_with(100)
    question = ask(author=asker)
    reply = services.post_answer(
        author=helper, question=question, body="Bel de **vervoerder** na zeven werkdagen."
    )
    comment = services.post_comment(author=commenter, post=reply, body="Bij mij werkte dat.")
    return {
        "question": question,
        "answer": reply,
        "comment": comment,
        "asker": asker,
        "helper": helper,
        "commenter": commenter,
    }


class TestOneRenderingForEveryone:
    def test_logged_out_and_logged_in_visitors_share_the_fragment(self, thread):
        page(thread["question"])
        keys = fragment_keys()
        assert len(keys) == 1
        page(thread["question"], UserFactory())
        page(thread["question"], thread["asker"])
        assert fragment_keys() == keys

    def test_the_page_reads_the_same_with_the_fragment_cached(self, thread):
        first = answers_of(page(thread["question"]))
        second = answers_of(page(thread["question"]))
        assert first == second
        assert "<strong>vervoerder</strong>" in second and "Bij mij werkte dat." in second

    def test_cached_fragments_cost_no_queries(self, thread, django_assert_max_num_queries):
        page(thread["question"])
        with django_assert_max_num_queries(10):
            page(thread["question"])


class TestWritesReKeyTheFragment:
    def test_an_edit_shows_at_once(self, thread):
        page(thread["question"])
        services.edit_post(
            post=thread["answer"],
            by=thread["helper"],
            body="Wacht zeven werkdagen en bel dan de vervoerder op.",
        )
        text = page(thread["question"], UserFactory())
        assert "Wacht zeven werkdagen" in text and "Bel de" not in text

    def test_a_new_comment_shows_at_once(self, thread):
        page(thread["question"])
        services.post_comment(
            author=thread["asker"], post=thread["answer"], body="Dank je, ik ga bellen."
        )
        assert "Dank je, ik ga bellen." in page(thread["question"])

    def test_a_deleted_comment_goes_at_once(self, thread):
        page(thread["question"])
        services.delete_post(post=thread["comment"], by=moderator(), why="test")
        assert "Bij mij werkte dat." not in page(thread["question"])

    def test_a_new_display_name_shows_at_once(self, thread):
        page(thread["question"])
        services.update_profile(user=thread["commenter"], display_name="Kees de Tester", bio="")
        assert "Kees de Tester" in page(thread["question"])

    def test_the_english_page_has_its_own_fragment(self, thread):
        question = ask(
            locale="en",
            title="Where is my parcel?",
            body="My parcel has been on its way for five days now, what can I do?",
        )
        services.post_answer(
            author=member_with(100),
            question=question,
            body="Call the carrier after seven working days.",
        )
        assert "answered" in page(question)
        assert "beantwoord" in page(thread["question"])


class TestNothingPersonalIsCached:
    def test_each_member_sees_only_their_own_name_and_state(self, thread):
        first = member_with(100, display_name="Anna Eerste")
        second = member_with(100, display_name="Bram Tweede")
        services.cast_vote(user=first, post=thread["answer"], value=1)
        mine, theirs = page(thread["question"], first), page(thread["question"], second)
        assert "Anna Eerste" in mine and "Bram Tweede" not in mine
        assert "Bram Tweede" in theirs and "Anna Eerste" not in theirs
        assert mine.count('aria-pressed="true"') == 1
        assert theirs.count('aria-pressed="true"') == 0
        for part in fragments():
            for html in (part.body, part.comments):
                assert "Anna Eerste" not in html and "Bram Tweede" not in html
                assert "csrfmiddlewaretoken" not in html and "<form" not in html

    def test_delete_buttons_on_comments_are_filled_per_viewer(self, thread):
        url = reverse("community:delete", args=["comment", thread["comment"].pk])
        delete = f'action="{url}"'
        assert delete not in page(thread["question"])
        assert delete not in page(thread["question"], UserFactory())
        assert delete in page(thread["question"], thread["commenter"])
        assert delete in page(thread["question"], moderator())
        assert delete not in page(thread["question"])

    def test_text_in_a_post_cannot_pass_for_a_slot(self, thread):
        forged = f"<!--vb-comment-tools:{thread['comment'].pk}-->"
        services.post_comment(
            author=thread["helper"], post=thread["answer"], body=f"Zie hierboven {forged} nog eens."
        )
        text = page(thread["question"], thread["commenter"])
        own = reverse("community:delete", args=["comment", thread["comment"].pk])
        assert text.count('/delete/"') == text.count(f'action="{own}"') == 1
