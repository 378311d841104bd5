"""Back-office wiring for the help centre: snippets, reports and their menu items."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .announcements import forget_cached
from .models import Announcement
from .reports import HelpfulnessReportView


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Announcements")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "severity", "scope", "starts_at", "ends_at"]
    list_filter = ["severity", "scope", "locale"]
    search_fields = ["title"]


register_snippet(AnnouncementViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _announcement_saved(request, instance):
    if isinstance(instance, Announcement):
        forget_cached()


@hooks.register("after_delete_snippet")
def _announcements_deleted(request, instances):
    if any(isinstance(instance, Announcement) for instance in instances):
        forget_cached()


@hooks.register("register_admin_urls")
def _report_urls():
    view = HelpfulnessReportView
    return [
        path("reports/helpfulness/", view.as_view(), name=view.index_url_name),
        path(
            "reports/helpfulness/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def _helpfulness_menu_item():
    return PageEditorsMenuItem(
        _("Helpfulness"),
        reverse(HelpfulnessReportView.index_url_name),
        name="kb-helpfulness",
        icon_name="help",
        order=1300,
    )
