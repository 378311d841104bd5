"""Back-office screens for moderators: the open flags, posts waiting for approval and the
audit log as Wagtail listings. They are read-only on purpose: every decision goes through
community.services (from the site's review queue, linked here), so it is permission-checked,
logged and reflected in reputation."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

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
    name = "community_flags"
    url_prefix = "community/flags"
    model = Flag
    icon = "warning"
    menu_label = _("Open flags")
    list_display = ["__str__", "reason", "reporter", "created_at"]
    list_filter = ["reason"]

    def get_queryset(self, request):
        return Flag.objects.filter(state=Flag.State.OPEN).select_related(
            "reporter", "question", "answer__question"
        )


class PendingQuestionViewSet(ReadOnlyViewSet):
    name = "community_questions"
    url_prefix = "community/questions"
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["title", "author", "visibility", "status", "created_at"]
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
    list_display = ["__str__", "question", "visibility", "created_at"]
    list_filter = ["visibility", "is_verified", "is_accepted"]

    def get_queryset(self, request):
        return Answer.objects.select_related("author", "question")


class AuditLogViewSet(ReadOnlyViewSet):
    name = "community_moderation_log"
    url_prefix = "community/moderation-log"
    model = ModerationAction
    icon = "history"
    menu_label = _("Moderation log")
    list_display = ["created_at", "moderator", "action", "question", "member", "reason"]
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
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_review_queue_link():
    return ReviewQueueMenuItem(
        _("Review queue (site)"), reverse("community:review"), icon_name="tasks", order=251
    )
