"""Back-office screens: the ledger, voting reports, rewards and a page to grant or revert
points with a reason. The ledger and reports are read-only here; every change goes through
`gamification.services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .forms import DecideGrantForm, GrantPointsForm, RevertEventForm, ReviewReportForm
from .models import AbuseReport, PointGrant, ReputationEvent, Reward


class StaffReadOnlyPolicy(ModelPermissionPolicy):
    """Staff may look; nobody adds, edits or deletes from the generic screens."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return bool(user.is_active and (user.is_staff or user.is_superuser))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(ReputationEvent, StaffReadOnlyPolicy(ReputationEvent))
register_permission_policy(AbuseReport, StaffReadOnlyPolicy(AbuseReport))


class LedgerViewSet(ModelViewSet):
    model = ReputationEvent
    name = "gamification_ledger"
    icon = "list-ul"
    menu_label = gettext_lazy("Ledger")
    url_prefix = "gamification/ledger"
    list_display = [
        "id", "created_at", "user", "reason", "points", "source_key", "actor", "reverted_at",
    ]  # fmt: skip
    list_filter = ["reason"]
    search_fields = ["source_key", "user__username"]
    search_backend_name = None
    # Required by ModelViewSet; the policy above never lets anyone use the edit form.
    form_fields = ["note"]
    inspect_view_enabled = True
    copy_view_enabled = False


class VotingReportViewSet(ModelViewSet):
    model = AbuseReport
    name = "gamification_voting_reports"
    icon = "warning"
    menu_label = gettext_lazy("Voting reports")
    url_prefix = "gamification/voting-reports"
    list_display = [
        "id", "created_at", "kind", "voter", "target", "votes", "reversed_events", "reviewed_at",
    ]  # fmt: skip
    list_filter = ["kind", "reviewed_at"]
    form_fields = ["detail"]
    inspect_view_enabled = True
    copy_view_enabled = False


class RewardViewSet(SnippetViewSet):
    model = Reward
    icon = "pick"
    menu_label = gettext_lazy("Rewards")
    list_display = ["name", "kind", "threshold", "active"]
    list_filter = ["kind", "active"]


class ReputationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Reputation")
    menu_icon = "crosshairs"
    menu_order = 260
    items = (LedgerViewSet, VotingReportViewSet, RewardViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ReputationGroup()


def adjust_points(request):
    """Ask to grant points (a second staff member approves), take points, decide on another
    person's grant, or revert a ledger event, each with a reason."""
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied
    grant = GrantPointsForm(request.POST if "grant" in request.POST else None, prefix="grant")
    revert = RevertEventForm(request.POST if "revert" in request.POST else None, prefix="revert")
    review = ReviewReportForm(request.POST if "review" in request.POST else None, prefix="review")
    decide = DecideGrantForm(request.POST if "decide" in request.POST else None, prefix="decide")
    try:
        if grant.is_valid():
            _grant_or_take(request, grant.cleaned_data)
            return redirect("gamification_adjust")
        if decide.is_valid():
            _decide(request, decide.cleaned_data)
            return redirect("gamification_adjust")
        if revert.is_valid():
            data = revert.cleaned_data
            if services.revert_event(event_id=data["event"], by=request.user, why=data["why"]):
                messages.success(request, _("The event was reverted."))
            else:
                messages.error(request, _("There is no standing event with that number."))
            return redirect("gamification_adjust")
        if review.is_valid():
            report = AbuseReport.objects.filter(pk=review.cleaned_data["report"]).first()
            if report is None:
                messages.error(request, _("There is no voting report with that number."))
            else:
                services.review_report(report=report, by=request.user)
                messages.success(request, _("The voting report is marked as reviewed."))
            return redirect("gamification_adjust")
    except (ValidationError, PermissionDenied) as error:
        text = error.messages if isinstance(error, ValidationError) else [str(error)]
        messages.error(request, " ".join(text))
    return TemplateResponse(
        request,
        "gamification/admin/adjust.html",
        {
            "grant": grant,
            "revert": revert,
            "review": review,
            "open_reports": AbuseReport.objects.filter(reviewed_at__isnull=True).count(),
            "pending": PointGrant.objects.filter(status=PointGrant.Status.PENDING)
            .select_related("user", "requested_by")
            .order_by("requested_at", "pk")[:50],
            "decided": PointGrant.objects.exclude(status=PointGrant.Status.PENDING)
            .select_related("user", "requested_by", "decided_by")
            .order_by("-decided_at", "-pk")[:20],
        },
    )


def _grant_or_take(request, data) -> None:
    user, points, why = data["user"], data["points"], data["why"]
    if points > 0:
        services.request_grant(user=user, points=points, by=request.user, why=why)
        messages.success(request, _("Your grant waits until a second staff member approves it."))
    elif points < 0:
        services.take_points(user=user, points=-points, by=request.user, why=why)
        messages.success(request, _("The points were taken with your reason."))
    else:
        raise ValidationError(_("Give a number of points between -10000 and 10000, not 0."))


def _decide(request, data) -> None:
    if data["decision"] == "approve":
        services.approve_grant(grant_id=data["grant"], by=request.user, note=data["note"])
        messages.success(request, _("The grant is approved and the points are recorded."))
    else:
        services.reject_grant(grant_id=data["grant"], by=request.user, note=data["note"])
        messages.success(request, _("The grant is rejected; no points were recorded."))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("gamification/adjust/", adjust_points, name="gamification_adjust")]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_adjust_menu_item():
    return StaffMenuItem(
        gettext_lazy("Grant or revert points"),
        reverse("gamification_adjust"),
        icon_name="plus",
        order=261,
    )
