"""The desk in the Wagtail admin: the queue, the ticket page, topics and canned replies."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CannedReply, Topic
from .roles import is_support_staff


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("support/", admin_views.queue, name="support_queue"),
        path("support/<int:pk>/", admin_views.ticket_page, name="support_ticket"),
    ]


class SupportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_support_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return SupportMenuItem(_("Support tickets"), reverse("support_queue"), icon_name="mail",
                           order=150)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Support topics")
    list_display = ["name_nl", "name_en", "slug", "sort_order", "active"]


class CannedReplyViewSet(SnippetViewSet):
    model = CannedReply
    icon = "doc-full"
    menu_label = _("Canned replies")
    list_display = ["title", "language"]
    list_filter = ["language"]


register_snippet(TopicViewSet)
register_snippet(CannedReplyViewSet)
