from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from wagtail.signals import page_published

        from kb.selectors import register_product_section
        from kb.signals import product_changed

        from . import signal_handlers
        from .product_sections import questions_about

        product_changed.connect(
            signal_handlers.on_product_changed, dispatch_uid="community-freshness-product"
        )
        page_published.connect(
            signal_handlers.on_page_published, dispatch_uid="community-freshness-article"
        )
        register_product_section(questions_about)
