"""The search page as a shopper meets it: popular searches and topics before a query;
snippets that read like the page (no block labels, tags or Markdown); one hit per video;
facets with "more"; active filters as removable chips; nothing of another language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from community.services import ask_question, post_answer
from kb.models import ArticlePage
from search import selectors
from search.models import SearchLog
from search.registry import registry
from tests.factories import UserFactory
from tests.kb.videos import video_page

from . import content

pytestmark = pytest.mark.django_db


def get(client, **params):
    return client.get(reverse("search:search"), params)


def searched(query, *, visitors, language="nl", results=3):
    for n in range(visitors):
        SearchLog.objects.create(query=query, language=language, result_count=results,
                                 took_ms=5, visitor=f"{query}-{n}")


class TestBeforeAQuery:
    def test_popular_searches_are_those_of_several_visitors(self, client, home_pages, settings):
        settings.SEARCH_POPULAR_MIN_VISITORS = 3
        searched("retour aanmelden", visitors=5)
        searched("pakket kwijt", visitors=3)
        searched("mijn geheime vraag", visitors=2)  # too few people: could identify someone
        for _ in range(6):  # one visitor, many times
            SearchLog.objects.create(query="spiegelkast", language="nl", result_count=2,
                                     took_ms=5, visitor="een-bezoeker")
        searched("bestelling VB-2026-123456", visitors=4)  # personal data never shows
        searched("xylofoon", visitors=4, results=0)  # found nothing: no use to offer
        searched("return label", visitors=4, language="en")
        response = get(client)
        assert response.context["start"]["popular"] == ["retour aanmelden", "pakket kwijt"]
        body = response.content.decode()
        assert 'href="?q=retour%20aanmelden"' in body and "spiegelkast" not in body

    def test_topics_are_the_help_centres_top_categories_in_the_page_language(self, client,
                                                                           home_pages):
        returns = content.category(home_pages, "Retourneren")
        content.category(returns, "Retourlabels")
        content.category(content.english_home(home_pages), "Returns")
        topics = get(client).context["start"]["topics"]
        assert topics == [{"title": "Retourneren", "url": returns.url}]

    def test_the_start_costs_two_queries_then_none(self, home_pages,
                                                   django_assert_num_queries):
        with django_assert_num_queries(2):
            selectors.search_start("nl")
        with django_assert_num_queries(0):
            selectors.search_start("nl")

    def test_an_empty_site_still_offers_the_community_and_customer_service(self, client,
                                                                          home_pages):
        body = get(client).content.decode()
        assert reverse("community:ask") in body and reverse("support:contact") in body
        assert "Populaire zoekopdrachten" not in body


class TestSnippets:
    @pytest.fixture
    def article(self, home_pages, index_now):
        cat = content.category(home_pages, "Retourneren")
        page = ArticlePage(title="Retour aanmelden", intro="<p>Zo meld je een retour aan.</p>",
                           body=[
                               ("heading", {"text": "Retour aanmelden", "level": "h2"}),
                               ("callout", {"kind": "warning", "title": "",
                                            "text": "<p>Bewaar je retourbewijs &amp; label.</p>"}),
                               ("rich_text", "<p>Kies het artikel.</p><p>Print het label.</p>"),
                           ], live=False)
        cat.add_child(instance=page)
        page.tags.add("zonnebril")
        page.save_revision().publish()
        index_now()
        return page

    def test_indexed_text_is_what_the_page_shows(self, article):
        with translation.override("nl"):
            (document,) = registry.get("article").documents(article)
        assert "Kop" not in document.body and "Waarschuwing" not in document.body
        assert "zonnebril" not in document.body and document.tags == ("zonnebril",)
        assert "Bewaar je retourbewijs & label." in document.body
        assert "artikel. Print" in document.body  # paragraphs do not run together

    def test_snippets_show_no_block_labels_or_tags(self, client, article):
        (row,) = get(client, q="retourbewijs").context["hits"]
        snippet = re.sub(r"</?mark>", "", row["hit"].snippet)
        assert "Bewaar je retourbewijs &amp; label." in snippet
        for label in ("Kop", "Waarschuwing", "Tip", "zonnebril"):
            assert label not in snippet

    def test_tags_still_find_and_filter(self, client, article):
        assert get(client, q="zonnebril").context["result"].response.total == 1
        assert get(client, q="retour", tag="zonnebril").context["result"].response.total == 1

    def test_community_snippets_show_no_markdown(self, client, home_pages, index_now, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
        question = ask_question(author=UserFactory(), title="Retour niet aangekomen",
                                body="Mijn **retour** is na twee weken nog niet verwerkt.",
                                tags=["retour"], locale="nl")
        post_answer(author=UserFactory(), question=question,
                    body="Meld het **binnen 14 dagen** via _Mijn bestellingen_, dan zoeken we "
                         "het pakket voor je op.")
        index_now()
        hits = get(client, q="retour verwerkt").context["hits"]
        snippet = next(r["hit"].snippet for r in hits if r["hit"].type == "question")
        assert "**" not in snippet and "_Mijn" not in snippet
        assert "binnen 14 dagen" in re.sub(r"</?mark>", "", snippet)


class TestVideos:
    def test_a_video_appears_once_however_many_chapters_match(self, client, home_pages,
                                                              index_now):
        cat = content.category(home_pages, "Productonderhoud")
        page = video_page(cat, transcript=(
            "0:00 Wat je nodig hebt om te ontkalken.\n"
            "0:04 Giet de ontkalker in het reservoir om te ontkalken.\n"
            "0:08 Spoel na het ontkalken twee keer na."
        ))
        index_now()
        hits = get(client, q="ontkalken").context["result"].response.hits
        videos = [h for h in hits if h.key.split("#")[0] == f"video:{page.pk}"]
        assert len(videos) == 1
        suggestions = client.get(reverse("search_api:suggest"),
                                 {"q": "ontkalken", "lang": "nl", "context": "ask"}).json()
        assert [r["key"].split("#")[0] for r in suggestions["results"]].count(
            f"video:{page.pk}") == 1


class TestFacetsAndChips:
    @pytest.fixture
    def returns(self, home_pages, index_now):
        cat = content.category(home_pages, "Retourneren")
        for n, tag in enumerate(["kosten", "label", "termijn", "ruilen", "maat", "geld",
                                 "winkel", "pakket"]):
            content.article(cat, f"Retour vraag {n}", "Alles over je retour.", tags=[tag])
        content.faq(cat, "Veelgestelde vragen over retourneren",
                    [("Kan ik mijn retour annuleren?", "Ja, tot we het pakket hebben.")])
        index_now()

    def test_the_top_tags_show_and_the_rest_sit_behind_more(self, client, returns):
        response = get(client, q="retour")
        (tags,) = [g for g in response.context["facets"] if g["name"] == "tag"]
        assert len(tags["values"]) == 6 and len(tags["more"]) == 2
        body = response.content.decode()
        assert '<details class="facet-more">' in body and "2 meer" in body

    def test_active_filters_are_chips_that_remove_themselves(self, client, returns):
        response = get(client, q="retour", tag="kosten", type="article")
        chips = {c["label"]: c["url"] for c in response.context["chips"]}
        assert set(chips) == {"kosten", "Artikel"}
        without_tag = client.get(reverse("search:search") + chips["kosten"])
        assert without_tag.context["filters"] == {"type": "article"}
        assert without_tag.context["result"].response.total == 8
        body = response.content.decode()
        assert "filter verwijderen" in body and "Alle filters wissen" in body

    def test_a_filter_that_finds_nothing_can_still_be_removed(self, client, returns):
        response = get(client, q="xylofoon", tag="kosten", type="article")
        assert response.context["result"].response.total == 0
        assert len(response.context["chips"]) == 2
        assert 'class="chip chip-removable"' in response.content.decode()

    def test_the_page_language_is_no_chip(self, client, returns):
        assert get(client, q="retour", language="nl").context["chips"] == []


class TestOnlyThePageLanguage:
    @pytest.fixture
    def both(self, home_pages, index_now):
        dutch = content.category(home_pages, "Retourneren")
        for title in ("Retour aanmelden", "Retour betalen", "Retour inpakken"):
            content.article(dutch, title, "Meld je retour aan.", tags=["retourneren"])
        english = content.category(content.english_home(home_pages), "Returns")
        content.article(english, "Returning an item", "Register your return online.",
                        tags=["returns"])
        index_now()

    def test_an_english_page_never_suggests_a_dutch_word(self, client, both):
        with translation.override("en"):
            url = reverse("search:search")
        response = client.get(url, {"q": "retourr"})
        # An English word may be offered (PostgreSQL's vocabulary finds "return"); the Dutch
        # "retour" never is.
        assert response.context["result"].response.correction in ("", "return")
        assert "retour<" not in response.content.decode()
        # The Dutch page still corrects the typo.
        with translation.override("nl"):
            dutch = get(client, q="retourr")
        assert dutch.context["result"].response.correction == "retour"

    def test_an_english_page_shows_english_tags_only(self, client, both):
        with translation.override("en"):
            url = reverse("search:search")
        facets = client.get(url, {"q": "return"}).context["result"].response.facets
        assert dict(facets["tag"]) == {"returns": 1}

    def test_the_demo_gives_english_articles_english_tags(self, home_pages):
        from kb.demo import seed_articles

        seed_articles()
        english = ArticlePage.objects.filter(locale__language_code="en")
        assert english.exists()
        dutch_tags = set(ArticlePage.objects.filter(locale__language_code="nl")
                         .values_list("tags__name", flat=True)) - {None, "ideal", "klarna",
                                                                   "creditcard", "account",
                                                                   "e-mail", "bluetooth",
                                                                   "privacy"}
        english_tags = set(english.values_list("tags__name", flat=True)) - {None}
        assert english_tags and not english_tags & dutch_tags
