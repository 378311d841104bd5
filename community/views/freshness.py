"""The re-verify queue: answers that may be out of date, for moderators and customer service."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from gamification.privileges import may_verify_answers
from vraagbaak.http import safe_next

from .. import selectors, services
from ..models import Answer
from ._shared import run_action


class VerifierRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_verify_answers(request.user):
            raise PermissionDenied(_("Only moderators and customer service can do this."))
        return super().dispatch(request, *args, **kwargs)


class ReverifyQueueView(VerifierRequiredMixin, ListView):
    template_name = "community/reverify_queue.html"
    context_object_name = "entries"
    paginate_by = 20

    def get_queryset(self):
        return selectors.reverify_queue()


DECISIONS = {
    "verify": (services.reverify_answer, gettext_lazy("Checked: the answer is up to date again.")),
    "unverify": (services.unverify_answer, gettext_lazy("The answer stays marked as out of date.")),
}


@login_required
@require_POST
def reverify(request, pk: int):
    """One decision from the queue (or the question page) on answer `pk`; back to `next`."""
    if not may_verify_answers(request.user):
        raise PermissionDenied(_("Only moderators and customer service can do this."))
    answer = get_object_or_404(
        Answer.objects.visible_to(request.user).select_related("question"), pk=pk
    )
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is not None:
        service, done = decision
        run_action(request, lambda: service(answer=answer, by=request.user), done=str(done))
    return redirect(
        safe_next(request, request.POST.get("next"), reverse("community:reverify_queue"))
    )
