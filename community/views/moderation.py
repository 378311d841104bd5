"""The site's review queue and moderation log (moderators only)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from .. import selectors, services
from ..models import Flag
from ..roles import is_moderator
from ._shared import run_action


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    template_name = "community/review_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.moderation.require_can_see_queue(request.user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        flag = get_object_or_404(Flag, pk=request.POST.get("flag"))
        upheld = request.POST.get("upheld") == "1"
        run_action(
            request,
            lambda: services.resolve_flag(
                flag=flag, by=request.user, upheld=upheld, why=request.POST.get("why", "")
            ),
            done=_("Flag upheld.") if upheld else _("Flag dismissed."),
        )
        return redirect("community:review")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.review_queue(), **kwargs)


class AuditLogView(LoginRequiredMixin, ListView):
    template_name = "community/audit_log.html"
    context_object_name = "actions"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_moderator(request.user):
            raise PermissionDenied(_("Only moderators and customer service can do this."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.audit_log()
