"""Learned phrasings: shoppers' own words become a findable field of the document that
answered them, with guards (distinct visitors, a minimum, decay, a cap, no untrusted members,
editors' removal); curated ones from "ook gevraagd als" and duplicates count at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Flag, Question
from search import phrasings, selectors
from search.models import LearnedPhrasing
from tests.factories import UserFactory

from . import content

pytestmark = pytest.mark.django_db


def top5(query):
    return [h.key for h in selectors.search(query=query, language="nl").response.hits[:5]]


@pytest.fixture
def corpus(home_pages, index_now):
    cat = content.category(home_pages, "Bezorging")
    pages = {
        "lost": content.article(cat, "Pakket kwijt", "Neem contact op als je pakket zoek is."),
        "late": content.article(cat, "Levering vertraagd", "Soms duurt bezorgen langer."),
        "damaged": content.article(cat, "Beschadigd ontvangen", "Maak een foto van de schade."),
        "address": content.article(cat, "Adres wijzigen", "Pas je adres aan in je account."),
    }
    index_now()
    return {name: f"article:{page.pk}" for name, page in pages.items()}


def learn_from(visitors, query, document, **kwargs):
    for n in range(visitors):
        phrasings.learn(query=query, language="nl", document=document, visitor=f"v{n}",
                        **kwargs)


class TestGuards:
    def test_a_phrasing_counts_from_the_minimum_of_distinct_visitors(self, corpus, index_now):
        learn_from(2, "spullen nooit gekomen", corpus["lost"])
        phrasings.learn(query="spullen nooit gekomen", language="nl", document=corpus["lost"],
                        visitor="v1")  # the same visitor again counts once
        index_now()
        assert LearnedPhrasing.objects.get().visitors == 2
        assert corpus["lost"] not in top5("spullen nooit gekomen")
        learn_from(3, "spullen nooit gekomen", corpus["lost"])
        index_now()
        assert top5("spullen nooit gekomen")[0] == corpus["lost"]

    def test_the_minimum_is_a_setting(self, corpus, index_now, settings):
        settings.SEARCH_PHRASING_MIN_VISITORS = 1
        learn_from(1, "spullen nooit gekomen", corpus["lost"])
        index_now()
        assert top5("spullen nooit gekomen")[0] == corpus["lost"]

    def test_suspended_and_flagged_members_teach_nothing(self, corpus):
        suspended = UserFactory(suspended_until=timezone.now() + timedelta(days=3))
        flagged = UserFactory()
        question = content.question("Spam", "Koop nu", author=flagged)
        Flag.objects.create(reporter=UserFactory(), question=question, reason=Flag.Reason.SPAM,
                            state=Flag.State.UPHELD)
        for user in (suspended, flagged):
            assert phrasings.learn(query="gratis spullen", language="nl",
                                   document=corpus["lost"], visitor="x", user=user) is None
        assert not LearnedPhrasing.objects.exists()

    def test_old_uses_decay_until_forgotten(self, corpus):
        long_ago = timezone.now() - timedelta(days=400)
        learn_from(3, "spullen nooit gekomen", corpus["lost"], now=long_ago)
        assert phrasings.learned_for([corpus["lost"]]) == {}
        learn_from(3, "doos nooit gekomen", corpus["lost"])
        assert phrasings.learned_for([corpus["lost"]]) == {corpus["lost"]: ["doos nooit gekomen"]}

    def test_a_document_keeps_at_most_the_cap(self, corpus):
        for n in range(phrasings.MAX_PER_DOCUMENT + 5):
            learn_from(3, f"zin nummer {n}", corpus["lost"])
        assert len(phrasings.learned_for([corpus["lost"]])[corpus["lost"]]) == \
            phrasings.MAX_PER_DOCUMENT

    def test_an_editor_removes_a_bad_phrasing_for_good(self, corpus, index_now):
        learn_from(3, "rare grap", corpus["lost"])
        index_now()
        assert top5("rare grap")[:1] == [corpus["lost"]]
        phrasing = LearnedPhrasing.objects.get()
        phrasing.removed = True
        phrasing.save()
        index_now()
        assert corpus["lost"] not in top5("rare grap")
        learn_from(5, "rare grap", corpus["lost"])
        assert phrasings.learned_for([corpus["lost"]]) == {}


class TestCuratedPhrasings:
    def test_also_asked_lines_of_an_article_are_found(self, home_pages, index_now):
        page = content.article(content.category(home_pages, "Betalen"), "Betalen met iDEAL",
                               "Kies je bank.", publish=False)
        page.also_asked = "kan ik met mijn bankapp afrekenen"
        page.save_revision().publish()
        index_now()
        assert top5("bankapp afrekenen")[:1] == [f"article:{page.pk}"]

    def test_a_duplicate_lends_its_title_to_the_original(self, home_pages, index_now):
        original = content.question("Wasmachine lekt water", "Wat nu?",
                                    answer="Maak het pompfilter schoon.")
        duplicate = content.question("Plas onder de wasautomaat", "Help",
                                     answer="Zie de andere vraag.")
        index_now()
        Question.objects.filter(pk=duplicate.pk).update(close_reason="duplicate")
        duplicate.refresh_from_db()
        duplicate.duplicate_of = original
        duplicate.save()
        index_now()
        assert f"question:{original.pk}" in top5("plas wasautomaat")


QUERY_LOG = [  # (shopper's words, document) as a log would hold them, several visitors each
    ("spullen nooit gekomen", "lost"), ("bestelling verdwenen", "lost"),
    ("waar blijft mijn doos", "late"), ("duurt eeuwen", "late"),
    ("deuk in de doos", "damaged"), ("scherven in de verpakking", "damaged"),
    ("verhuisd andere straat", "address"), ("nieuwe woonplaats doorgeven", "address"),
]


def test_learned_phrasings_raise_recall_on_a_split_query_log(corpus, index_now):
    """Half of each phrasing's visitors are history (learned), the other half the test."""
    log = [(words, corpus[doc], f"visitor-{n}") for words, doc in QUERY_LOG for n in range(8)]
    history, test = log[0::2], log[1::2]

    def recall():
        return sum(key in top5(words) for words, key, _visitor in test) / len(test)

    before = recall()
    for words, key, visitor in history:
        phrasings.learn(query=words, language="nl", document=key, visitor=visitor)
    index_now()
    after = recall()
    print(f"recall@5 before {before:.2f}, after {after:.2f}")
    assert after >= before + 0.5 and after == 1.0
