"""Back-office wiring for the help centre: snippets, reports and their menu items."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from . import review_messages
from .announcements import forget_cached
from .models import Announcement, Product
from .models.pages import AUTOSAVE_CREATED
from .reports import HelpfulnessReportView
from .signals import product_changed


class ProductEditView(EditView):
    def save_instance(self):
        """Save as Wagtail does, then tell the apps above kb which material fields changed
        (still inside the view's transaction, so their reaction commits with the edit)."""
        product = super().save_instance()
        fields = [name for name in Product.MATERIAL_FIELDS if name in self.form.changed_data]
        if fields:
            product_changed.send(sender=Product, product=product, fields=fields)
        return product


class ProductViewSet(SnippetViewSet):
    model = Product
    edit_view_class = ProductEditView
    list_display = ["name", "sku", "category", "is_discontinued"]


register_snippet(ProductViewSet)


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


@hooks.register("after_edit_page")
def _say_what_the_review_did(request, page):
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        review_messages.after_workflow_action(request, page)


@hooks.register("construct_homepage_panels")
def _say_what_the_dashboard_review_did(request, panels):
    review_messages.on_dashboard(request)


@hooks.register("register_log_actions")
def _autosave_log_action(actions):
    actions.register_action(AUTOSAVE_CREATED, _("Created by autosave"), _("Created by autosave"))


@hooks.register("after_create_page")
def _remember_pages_autosave_created(request, page):
    # The editor's background save asks for JSON; a click on "Save draft" asks for HTML.
    if not request.accepts("text/html") and not page.live:
        log(instance=page, action=AUTOSAVE_CREATED, user=request.user)
