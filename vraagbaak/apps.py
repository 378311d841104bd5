from django.apps import AppConfig


class VraagbaakConfig(AppConfig):
    name = "vraagbaak"
    verbose_name = "Vraagbaak"

    def ready(self):
        self._connect_page_cache_purges()
        self._connect_brand_purges()

    @staticmethod
    def _connect_brand_purges():
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model

        from support.models import SupportSettings

        from . import branding
        from .models import BrandSettings

        for model in (BrandSettings, SupportSettings):
            for signal in (post_save, post_delete):
                signal.connect(branding.on_settings_saved, sender=model,
                               dispatch_uid=f"brand-{model.__name__}-{id(signal)}")
        post_save.connect(branding.on_image_saved, sender=get_image_model(),
                          dispatch_uid="brand-logo-image")

    @staticmethod
    def _connect_page_cache_purges():
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from community.signals import questions_changed

        from . import signal_handlers as h

        uid = "page-cache-{}-{}".format
        for model in apps.get_app_config("community").get_models():
            post_save.connect(h.on_community_saved, sender=model, dispatch_uid=uid("s", model))
            post_delete.connect(h.on_community_deleted, sender=model, dispatch_uid=uid("d", model))
        questions_changed.connect(h.on_questions_changed, dispatch_uid="page-cache-questions")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(h.on_kb_changed, dispatch_uid=uid("kb", id(signal)))
        post_delete.connect(h.on_kb_changed, sender=Page, dispatch_uid="page-cache-page-deleted")
        for model in apps.get_app_config("kb").get_models():
            if issubclass(model, Page):
                post_save.connect(h.on_page_saved, sender=model, dispatch_uid=uid("p", model))
                post_delete.connect(h.on_kb_changed, sender=model, dispatch_uid=uid("pd", model))
            elif model.__name__ == "Announcement":
                for signal in (post_save, post_delete):
                    signal.connect(h.on_announcement_changed, sender=model,
                                   dispatch_uid=uid("a", id(signal)))
            elif model.__name__ == "Product":
                for signal in (post_save, post_delete):
                    signal.connect(h.on_kb_changed, sender=model,
                                   dispatch_uid=uid("pr", id(signal)))
