"""Back-office screens for moderators: the open flags, posts waiting for approval and the
audit log as Wagtail listings. They are read-only on purpose: every decision goes through
community.services (from the site's review queue, linked here), so it is permission-checked,
logged and reflected in reputation."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import LinkMenuItemComponent, MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from gamification import privileges

from . import selectors
from .models import Answer, Flag, ModerationAction, Question
from .roles import MODERATORS_GROUP, is_moderator


class ModeratorsMayView(BasePermissionPolicy):
    """Moderators and staff may list and inspect; nobody adds, edits or deletes here."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and is_moderator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if not set(actions) & {"view", "inspect"}:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP),
                is_active=True,
            )
            .distinct()
        )


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    export_filename = None

    def get_form_fields(self):
        return []


class OpenFlagViewSet(ReadOnlyViewSet):
    """Every flag with its real state (open, upheld, dismissed); filter on state for the
    open ones. Decisions are made in the site's review queue."""

    name = "community_flags"
    url_prefix = "community/flags"
    model = Flag
    icon = "warning"
    menu_label = _("Flags")
    list_display = [
        Column("__str__", label=_("Flagged post")),
        Column("reason", label=_("Reason"), accessor="get_reason_display"),
        Column("state", label=_("Status"), accessor="get_state_display"),
        Column("reporter", label=_("Flagged by")),
        Column("created_at", label=_("Flagged at")),
        Column("handled_by", label=_("Handled by")),
    ]
    list_filter = ["state", "reason"]

    def get_queryset(self, request):
        return Flag.objects.select_related(
            "reporter", "handled_by", "question", "answer__question"
        ).order_by("-created_at")


class PendingQuestionViewSet(ReadOnlyViewSet):
    name = "community_questions"
    url_prefix = "community/questions"
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = [
        Column("title", label=_("Title")),
        Column("author", label=_("Author")),
        Column("visibility", label=_("Visibility"), accessor="get_visibility_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("created_at", label=_("Asked at")),
    ]
    list_filter = ["visibility", "status", "locale"]
    search_fields = ["title", "body"]

    def get_queryset(self, request):
        return Question.objects.select_related("author")


class PendingAnswerViewSet(ReadOnlyViewSet):
    name = "community_answers"
    url_prefix = "community/answers"
    model = Answer
    icon = "comment"
    menu_label = _("Answers")
    list_display = [
        Column("__str__", label=_("Answer")),
        Column("question", label=_("Question")),
        Column("visibility", label=_("Visibility"), accessor="get_visibility_display"),
        Column("created_at", label=_("Answered at")),
    ]
    list_filter = ["visibility", "is_verified", "is_accepted"]

    def get_queryset(self, request):
        return Answer.objects.select_related("author", "question")


class AuditLogViewSet(ReadOnlyViewSet):
    name = "community_moderation_log"
    url_prefix = "community/moderation-log"
    model = ModerationAction
    icon = "history"
    menu_label = _("Moderation log")
    list_display = [
        Column("created_at", label=_("When")),
        Column("moderator", label=_("Who")),
        Column("action", label=_("What"), accessor="action_label"),
        Column("question", label=_("Question")),
        Column("member", label=_("Member")),
        Column("reason", label=_("Why")),
    ]
    list_filter = ["action"]

    def get_queryset(self, request):
        return ModerationAction.objects.select_related("moderator", "question", "member")


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (OpenFlagViewSet, PendingQuestionViewSet, PendingAnswerViewSet, AuditLogViewSet)


for _model in (Flag, Question, Answer, ModerationAction):
    register_permission_policy(_model, ModeratorsMayView(_model))


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


class ReviewQueueMenuItem(MenuItem):
    """"Beoordelen (N)": the site's review queue with its size, for those who may work it."""

    def is_shown(self, request):
        return privileges.has_privilege(request.user, privileges.REVIEW_FIRST_POSTS)

    def render_component(self, request):
        label = _("Review (%(count)d)") % {"count": selectors.review_count()}
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def register_review_queue_link():
    return ReviewQueueMenuItem(
        _("Review"), reverse("community:review"), icon_name="tasks", order=251
    )


class SuggestedEditsMenuItem(MenuItem):
    """"Voorgestelde bewerkingen (N)", beside the review queue, for those who review edits."""

    def is_shown(self, request):
        from .services.edits import may_review

        return may_review(request.user)

    def render_component(self, request):
        label = _("Suggested edits (%(count)d)") % {"count": selectors.suggested_edit_count()}
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


class ReverifyQueueMenuItem(MenuItem):
    """"Opnieuw controleren (N)": the site's re-verify queue with its size, for moderators and
    customer service."""

    def is_shown(self, request):
        return privileges.may_verify_answers(request.user)

    def render_component(self, request):
        label = _("Re-verify (%(count)d)") % {"count": selectors.reverify_queue().count()}
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def register_suggested_edits_link():
    return SuggestedEditsMenuItem(
        _("Suggested edits"), reverse("community:suggested_edits"), icon_name="edit", order=252
    )


@hooks.register("register_admin_menu_item")
def register_reverify_queue_link():
    return ReverifyQueueMenuItem(
        _("Re-verify"), reverse("community:reverify_queue"), icon_name="history", order=252
    )
