"""The core: registry, queue and worker drain, analysis and the Whoosh/PostgreSQL backends
over real KB pages."""

import pytest

from search import selectors
from search.models import IndexJob
from search.registry import Document, IndexableType, Registry, registry

from . import content

pytestmark = pytest.mark.django_db


class TestRegistry:
    def test_each_type_is_registered_once(self):
        names = [t.name for t in registry]
        assert len(names) == len(set(names))
        assert {"article", "faq", "video", "question"} <= set(names)

    def test_registering_a_name_twice_is_refused(self):
        class Thing(IndexableType):
            name = "thing"
            model = "kb.HomePage"

        local = Registry()
        local.register(Thing)
        with pytest.raises(ValueError):
            local.register(Thing)

    def test_groups_for_a_page_name_its_type_and_pk(self, home_pages):
        cat = content.category(home_pages)
        page = content.article(cat, "Retour aanmelden", "Zo meld je een retour aan.")
        assert registry.groups_for_instance(page) == [f"article:{page.pk}"]

    def test_document_digest_changes_with_content(self):
        a = Document(key="x", group="x", type="article", language="nl", title="A", url="/")
        b = Document(key="x", group="x", type="article", language="nl", title="B", url="/")
        assert a.digest != b.digest


class TestQueue:
    def test_publishing_queues_a_job_and_the_drain_indexes_it(self, home_pages, index_now):
        cat = content.category(home_pages)
        page = content.article(cat, "Retour aanmelden", "Zo meld je een retour aan.")
        assert IndexJob.objects.filter(group=f"article:{page.pk}", done_at=None).exists()
        assert index_now() >= 1
        hits = selectors.search(query="retour", language="nl").response.hits
        assert [h.key for h in hits] == [f"article:{page.pk}"]
        assert not IndexJob.objects.filter(done_at=None).exists()

    def test_unpublishing_removes_the_hit(self, home_pages, index_now):
        cat = content.category(home_pages)
        page = content.article(cat, "Retour aanmelden", "Zo meld je een retour aan.")
        index_now()
        page.unpublish()
        index_now()
        assert selectors.search(query="retour", language="nl").response.total == 0

    def test_deleting_removes_the_hit(self, home_pages, index_now):
        cat = content.category(home_pages)
        page = content.article(cat, "Retour aanmelden", "Zo meld je een retour aan.")
        index_now()
        page.delete()
        index_now()
        assert selectors.search(query="retour", language="nl").response.total == 0

    def test_a_drafted_change_does_not_reach_the_index_until_published(self, home_pages,
                                                                        index_now):
        cat = content.category(home_pages)
        page = content.article(cat, "Retour aanmelden", "Zo meld je een retour aan.")
        index_now()
        # "dichtplakken": a word in no seeded synonym set ("terugsturen" now finds "retour").
        page.title = "Pakket dichtplakken"
        page.save_revision()
        index_now()
        assert selectors.search(query="dichtplakken", language="nl").response.total == 0
        page.get_latest_revision().publish()
        index_now()
        assert selectors.search(query="dichtplakken", language="nl").response.total == 1
