from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Support")

    def ready(self):
        from . import checks  # noqa: F401  (registers the private-attachments check)
        from .models.topics import ensure_default_topics
        from .roles import ensure_support_group

        post_migrate.connect(ensure_default_topics, sender=self)
        post_migrate.connect(ensure_support_group, sender=self)
        # The community ask form offers "ask privately" through this route (issue 9).
        from community import compose

        compose.register_private_route("support:private_question")
