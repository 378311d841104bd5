from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from . import content, signal_handlers

        content.register_all()
        page_published.connect(signal_handlers.on_page_published, dispatch_uid="search-published")
        page_unpublished.connect(
            signal_handlers.on_page_unpublished, dispatch_uid="search-unpublished"
        )
        post_save.connect(signal_handlers.on_saved, dispatch_uid="search-saved")
        post_delete.connect(signal_handlers.on_deleted, dispatch_uid="search-deleted")
