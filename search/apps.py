from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import content, signal_handlers

        content.register_all()
        page_published.connect(signal_handlers.on_page_published, dispatch_uid="search-published")
        page_unpublished.connect(
            signal_handlers.on_page_unpublished, dispatch_uid="search-unpublished"
        )
        post_page_move.connect(signal_handlers.on_page_moved, dispatch_uid="search-moved")
        page_slug_changed.connect(signal_handlers.on_page_moved, dispatch_uid="search-slug")
        for signal in (post_save, post_delete):
            signal.connect(signal_handlers.on_restriction_changed, sender=PageViewRestriction,
                           dispatch_uid=f"search-restriction-{signal is post_save}")
        post_save.connect(signal_handlers.on_saved, dispatch_uid="search-saved")
        post_delete.connect(signal_handlers.on_deleted, dispatch_uid="search-deleted")
