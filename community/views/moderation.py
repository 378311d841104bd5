"""The site's review queue and moderation log (moderators only)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from .. import selectors, services
from ..models import Answer, ModerationAction, Question
from ..roles import is_moderator
from ._shared import run_action


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    """One card per flagged post (its flags grouped, the content inline) and per first post
    waiting for approval. The card's form sends one decision for the whole post."""

    template_name = "community/review_queue.html"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.moderation.require_can_see_queue(request.user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        model = Question if request.POST.get("kind") == "question" else Answer
        post = get_object_or_404(model, pk=request.POST.get("post"))
        decision = request.POST.get("decision", "")
        why = request.POST.get("why", "")
        if decision == "suspend":
            run_action(request, lambda: self._suspend(post, why), done=DONE["suspend"])
        elif decision in services.Decision.ALL:
            run_action(
                request,
                lambda: services.decide_flags(
                    post=post, by=request.user, decision=decision, why=why
                ),
                done=DONE[decision],
            )
        return redirect(request.get_full_path())

    def _suspend(self, post, why: str):
        try:
            days = max(1, min(int(self.request.POST.get("days", "7")), 365))
        except ValueError:
            days = 7
        services.suspend_member(
            member=post.author, by=self.request.user, days=days, why=why or _("Spam")
        )
        services.decide_flags(
            post=post, by=self.request.user, decision=services.Decision.HIDE, why=why
        )

    def get_context_data(self, **kwargs):
        queue = selectors.review_queue()
        cards = queue["flagged"] + queue["pending"]
        page = Paginator(cards, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page, cards=page.object_list, total=len(cards),
            is_paginated=page.has_other_pages(),
            flairs=selectors.flairs(card.post.author_id for card in page.object_list),
            **kwargs,
        )


DONE = {
    "hide": gettext_lazy("The post is hidden and the flags are upheld."),
    "warn": gettext_lazy("The author was warned; the post stays."),
    "dismiss": gettext_lazy("Flags dismissed; the post stays visible."),
    "suspend": gettext_lazy("The author is suspended and the post is hidden."),
}


class AuditLogView(LoginRequiredMixin, ListView):
    template_name = "community/audit_log.html"
    context_object_name = "actions"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_moderator(request.user):
            raise PermissionDenied(_("Only moderators and customer service can do this."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.audit_log(
            action=self.request.GET.get("action", ""),
            moderator=self.request.GET.get("moderator", ""),
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            action_choices=sorted(ModerationAction.LABELS.items(), key=lambda kv: str(kv[1])),
            moderators=selectors.log_moderators(),
            chosen={"action": self.request.GET.get("action", ""),
                    "moderator": self.request.GET.get("moderator", "")},
            filter_query=query.urlencode(),
            **kwargs,
        )
