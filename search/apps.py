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

        from community import privacy as community_privacy
        from community.signals import questions_changed

        from . import content, privacy, signal_handlers, synonyms
        from .models import LearnedPhrasing, SynonymSet

        content.register_all()
        community_privacy.register_export(privacy.export)
        community_privacy.register_erasure(privacy.erase)
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
        questions_changed.connect(
            signal_handlers.on_questions_changed, dispatch_uid="search-questions-changed"
        )
        post_delete.connect(signal_handlers.on_deleted, dispatch_uid="search-deleted")
        for signal in (post_save, post_delete):
            signal.connect(synonyms.forget, sender=SynonymSet,
                           dispatch_uid=f"search-synonyms-{signal is post_save}")
            # An editor's removal takes the phrasing out of the index.
            signal.connect(signal_handlers.on_phrasing_changed, sender=LearnedPhrasing,
                           dispatch_uid=f"search-phrasing-{signal is post_save}")
