"""The suggested-edits queue: reviewers approve, improve or reject members' edits."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .. import selectors, services
from ..forms import EditAnswerForm, EditQuestionForm
from ..models import SuggestedEdit
from ..services.edits import may_review, require_reviewer
from ._shared import form_with_errors, run_action


class ReviewerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_reviewer(request.user)
        return super().dispatch(request, *args, **kwargs)


class SuggestedEditQueueView(ReviewerRequiredMixin, TemplateView):
    """Pending suggestions, oldest first, 20 a page, each with its diff and the three
    decisions. POST: approve (with `decision=approve`) or reject (with a reason)."""

    template_name = "community/suggested_edits.html"
    paginate_by = 20

    def post(self, request, *args, **kwargs):
        suggestion = get_object_or_404(SuggestedEdit, pk=request.POST.get("suggestion"))
        decide(request, suggestion)
        return redirect(request.get_full_path())

    def get_context_data(self, **kwargs):
        queue = selectors.suggested_edit_queue()
        page = Paginator(queue, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page, items=page.object_list, total=len(queue),
            is_paginated=page.has_other_pages(),
            flairs=selectors.flairs(item.suggestion.author_id for item in page.object_list),
            **kwargs,
        )


def decide(request, suggestion) -> None:
    """Run the reviewer's decision from a POST; refusals become messages."""
    if request.POST.get("decision") == "approve":
        run_action(
            request,
            lambda: services.approve_edit(suggestion=suggestion, by=request.user),
            done=_("The edit is approved and the post is updated."),
        )
    elif request.POST.get("decision") == "reject":
        run_action(
            request,
            lambda: services.reject_edit(
                suggestion=suggestion, by=request.user, reason=request.POST.get("reason", "")
            ),
            done=_("The suggested edit is rejected."),
        )


class SuggestedEditView(LoginRequiredMixin, TemplateView):
    """One suggestion: its suggester sees what happened to it; reviewers can decide here."""

    template_name = "community/suggested_edit.html"

    def get_context_data(self, **kwargs):
        item = selectors.suggested_edit(pk=self.kwargs["pk"], viewer=self.request.user)
        return super().get_context_data(
            item=item, may_review=may_review(self.request.user),
            flairs=selectors.flairs([item.suggestion.author_id]), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        item = selectors.suggested_edit(pk=kwargs["pk"], viewer=request.user)
        decide(request, item.suggestion)
        return redirect(reverse("community:suggested_edits"))


class ImproveEditView(ReviewerRequiredMixin, FormView):
    """The edit form filled with the suggested text; saving approves it with changes."""

    template_name = "community/edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.suggestion = get_object_or_404(
            SuggestedEdit.objects.select_related("question", "answer__question"),
            pk=kwargs["pk"], state=SuggestedEdit.State.PENDING,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return EditQuestionForm if self.suggestion.question_id else EditAnswerForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.suggestion.question_id:
            kwargs["language"] = self.suggestion.question.locale
        return kwargs

    def get_initial(self):
        s = self.suggestion
        return {"title": s.title, "body": s.body, "tags": s.tags, "summary": s.summary}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            post=self.suggestion.post, improving=self.suggestion, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.approve_edit(
                suggestion=self.suggestion, by=self.request.user, body=data["body"],
                title=data.get("title"), tags=data.get("tags"),
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        messages.success(self.request, _("The edit is approved with your improvements."))
        return redirect(reverse("community:suggested_edits"))
