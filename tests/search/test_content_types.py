"""Each registered content type reaches the index, and leaves it when it must not be found."""

import pytest

from community.models import Answer, PostStatus
from search import selectors
from search.content.kb import transcript_segments
from search.indexing import documents_for

from . import content

pytestmark = pytest.mark.django_db


def keys(query, language="nl", **filters):
    return [h.key for h in selectors.search(query=query, language=language,
                                            filters=filters).response.hits]


class TestArticles:
    def test_tags_category_and_body_are_searchable(self, home_pages, index_now):
        cat = content.category(home_pages, "Bezorging")
        page = content.article(cat, "Waar blijft mijn pakket?", "Volg je zending met de trackcode.",
                               tags=["track-en-trace"])
        index_now()
        [doc] = documents_for(f"article:{page.pk}")
        assert doc.category == "Bezorging" and doc.tags == ("track-en-trace",)
        assert keys("trackcode") == [f"article:{page.pk}"]
        assert keys("track-en-trace") == [f"article:{page.pk}"]

    def test_a_tag_filter_that_nothing_has_finds_nothing(self, home_pages, index_now):
        cat = content.category(home_pages, "Bezorging")
        page = content.article(cat, "Waar blijft mijn pakket?", "Volg je zending met de trackcode.",
                               tags=["track-en-trace"])
        index_now()
        assert keys("trackcode", tag="track-en-trace") == [f"article:{page.pk}"]
        assert keys("trackcode", tag="bestaat-niet") == []

    def test_a_private_page_is_not_indexed(self, home_pages, index_now):
        from wagtail.models import PageViewRestriction

        cat = content.category(home_pages, "Intern")
        page = content.article(cat, "Interne werkinstructie", "Alleen voor medewerkers.")
        index_now()
        assert keys("werkinstructie") == [f"article:{page.pk}"]
        restriction = PageViewRestriction.objects.create(page=cat, restriction_type="login")
        assert documents_for(f"article:{page.pk}") == []
        index_now()
        assert keys("werkinstructie") == []
        restriction.delete()
        index_now()
        assert keys("werkinstructie") == [f"article:{page.pk}"]


class TestFaqEntries:
    def test_each_entry_is_its_own_hit_linking_to_its_anchor(self, home_pages, index_now):
        page = content.faq(home_pages, "Veelgestelde vragen", [
            ("Kan ik achteraf betalen?", "Ja, met Klarna binnen 30 dagen."),
            ("Hoe lang duurt de levering?", "Meestal 1 tot 2 werkdagen."),
        ])
        index_now()
        [hit] = selectors.search(query="achteraf betalen", language="nl").response.hits
        assert hit.key.startswith(f"faq:{page.pk}#") and "#" in hit.url
        assert hit.title == "Kan ik achteraf betalen?"
        assert len(documents_for(f"faq:{page.pk}")) == 2


class TestVideos:
    def test_transcript_lines_are_split_per_chapter(self):
        class Chapter:
            def __init__(self, pk, start):
                self.pk, self.start = pk, start

        intro, mount = Chapter(1, 0), Chapter(2, 65)
        parts = dict(
            (c.pk if c else None, text)
            for c, text in transcript_segments(
                "0:00 Welkom bij de uitleg.\n1:05 Draai de beugel vast aan de muur.\nen klaar",
                [mount, intro],
            )
        )
        assert parts == {
            1: "Welkom bij de uitleg.", 2: "Draai de beugel vast aan de muur. en klaar"
        }


class TestCommunityQuestions:
    def test_an_answered_question_is_found_with_its_best_answer(self, db, index_now):
        q = content.question("Mijn wasmachine lekt onderaan", "Er komt water onder de deur uit.",
                             answer="Controleer de pompfilter en maak hem schoon.", verified=True)
        index_now()
        assert keys("pompfilter") == [f"question:{q.pk}"]
        [doc] = documents_for(f"question:{q.pk}")
        assert doc.boost > 1.4 and doc.extra["verified"]

    def test_unanswered_pending_and_deleted_questions_are_never_found(self, db, index_now):
        content.question("Vraag zonder antwoord over stofzuigers", "Wie weet het?")
        content.question("Wachtende vraag over stofzuigers", "Nog niet goedgekeurd.",
                         answer="Antwoord", visibility=PostStatus.PENDING)
        gone = content.question("Verwijderde vraag over stofzuigers", "Weg.", answer="Antwoord")
        index_now()
        assert keys("stofzuigers") == [f"question:{gone.pk}"]
        gone.visibility = PostStatus.DELETED
        gone.save()
        index_now()
        assert keys("stofzuigers") == []

    def test_a_new_answer_updates_the_question_hit(self, db, index_now):
        q = content.question("Kan ik mijn bestelling annuleren?", "Net besteld.")
        index_now()
        assert keys("annuleren") == []
        Answer.objects.create(question=q, author=q.author, body_html="",
                              body="Ja, binnen een uur via je account.")
        index_now()
        assert keys("annuleren") == [f"question:{q.pk}"]
