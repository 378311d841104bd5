"""Index updates for framework events we do not own (Wagtail's publish/unpublish, model saves
and deletes). Each handler only queues work (`search.indexing.schedule`), inside the change's
transaction; the index itself is written after commit by the single writer."""

from wagtail.models import Page, PageViewRestriction

from .indexing import schedule
from .registry import registry


def _groups(instance) -> list[str]:
    return registry.groups_for_instance(instance)


def on_page_published(sender, instance, **kwargs):
    schedule(_groups(instance.specific))


def on_page_unpublished(sender, instance, **kwargs):
    schedule(_groups(instance.specific))


def on_page_moved(sender, instance, **kwargs):
    # A move changes URLs and categories of the page and everything below it.
    on_restriction_changed(sender, instance=None, page=instance)


def on_restriction_changed(sender, instance, page=None, **kwargs):
    """A view restriction added or removed makes a subtree private or public again."""
    page = page or instance.page
    groups = []
    for descendant in page.get_descendants(inclusive=True).specific().iterator():
        groups += _groups(descendant)
    schedule(groups)


def on_saved(sender, instance, raw=False, **kwargs):
    # Pages reach the index when published, not when a draft is saved.
    if raw or issubclass(sender, Page | PageViewRestriction):
        return
    groups = _groups(instance)
    if groups:
        schedule(groups)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, PageViewRestriction):
        return
    groups = _groups(instance)
    if groups:
        schedule(groups)


def on_phrasing_changed(sender, instance, created=None, **kwargs):
    if instance.removed or created is None:  # removed by an editor, or deleted (post_delete)
        schedule([instance.document.split("#", 1)[0]])


def on_questions_changed(sender, question_ids, **kwargs):
    """community changed what questions show with `.update()` (verifying, marking answers
    possibly outdated), which sends no model signal: their documents are indexed again."""
    if "question" in registry:
        indexable = registry.get("question")
        schedule([indexable.group_key(pk) for pk in question_ids])
