from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """The shop owner's dashboard. It sits at the top of the app DAG: it reads every other
    app's logs and rows and nothing reads it; lower apps show its figures through their
    registries."""

    name = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from kb.selectors import register_promise_figures
        from search.tasks import register_purge_guard
        from support.figures import daily_figures as support_figures

        from .selectors import promise_figures
        from .services import register_figures, safe_purge_before

        register_promise_figures(promise_figures)
        register_purge_guard(safe_purge_before)
        # The desk's daily figures (tickets, first replies, breaches, surveys): insights reads
        # support, as it reads every app below it.
        register_figures(support_figures)
