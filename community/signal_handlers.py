"""Community's reactions to events of apps below it and of Wagtail (connected in apps.py):
a product edited in the back office and a help article published again may leave answers
out of date (community.services.freshness)."""

from wagtail.models import PageLogEntry, Revision

from .freshness import page_text
from .services import freshness


def on_product_changed(sender, product, fields, **kwargs):
    freshness.product_changed(product=product, fields=fields)


def _previously_published(page, revision):
    """The revision that was live before `revision` (Wagtail logs a publish after sending
    page_published), else the revision saved just before it; None for a first publish."""
    entry = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is not None:
        return entry.revision
    try:
        return revision.get_previous()
    except Revision.DoesNotExist:
        return None


def on_page_published(sender, instance, revision=None, **kwargs):
    if revision is None or not hasattr(instance, "body"):
        return
    previous = _previously_published(instance, revision)
    url = instance.get_url()
    if previous is None or not url:
        return
    freshness.article_republished(
        url=url,
        title=instance.title,
        old_text=page_text(previous.as_object()),
        new_text=page_text(instance),
    )
