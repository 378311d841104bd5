"""Back-office wiring: the "Inzichten" menu item, its URLs and the panel on the admin home."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors
from .presentation import summary_cards
from .views import VIEW_PERMISSION, CsvView, DashboardView, GapArticleView, GapQuestionView

HOME_PANEL_CARDS = ("self_service_score", "deflections", "cost_saved", "search_success_rate")


@hooks.register("register_admin_urls")
def _urls():
    return [
        path("insights/", DashboardView.as_view(), name="insights_dashboard"),
        path("insights/csv/<slug:table>/", CsvView.as_view(), name="insights_csv"),
        path("insights/gaps/article/", GapArticleView.as_view(), name="insights_gap_article"),
        path("insights/gaps/question/", GapQuestionView.as_view(),
             name="insights_gap_question"),
    ]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def _menu_item():
    return InsightsMenuItem(_("Insights"), reverse("insights_dashboard"), icon_name="view",
                            order=150)


class InsightsHomePanel(Component):
    """The last seven days in four figures, linking to the dashboard."""

    name = "insights"
    order = 50
    template_name = "insights/home_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        result = selectors.figures(selectors.Period.last_days(7))
        context["cards"] = [c for c in summary_cards(result) if c["key"] in HOME_PANEL_CARDS]
        return context


@hooks.register("construct_homepage_panels")
def _home_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(InsightsHomePanel())
