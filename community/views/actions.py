"""POST actions on a post: vote, comment, accept, verify, follow, flag, moderate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from .. import services
from ..forms import (
    CommentForm,
    FlagForm,
    PromoteForm,
)
from ..models import Answer, Comment, Question
from ..roles import is_moderator
from ._shared import (
    form_with_errors,
    original_question,
    post_or_404,
    redirect_back,
    run_action,
)


@login_required
@require_POST
def vote(request, kind, pk):
    """Vote; static/js/community.js posts with Accept: application/json and gets the new
    score back instead of a redirect (the page then needs no reload)."""
    post = post_or_404(kind, pk)
    value = 1 if request.POST.get("value") == "up" else -1
    if "application/json" not in request.headers.get("Accept", ""):
        run_action(request, lambda: services.cast_vote(user=request.user, post=post, value=value))
        return redirect_back(request, post)
    try:
        vote = services.cast_vote(user=request.user, post=post, value=value)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return JsonResponse({"error": text}, status=403)
    return JsonResponse({"score": post.score, "my_vote": vote.value if vote else 0})


@login_required
@require_POST
def comment(request, kind, pk):
    post = post_or_404(kind, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.post_comment(
                author=request.user, post=post, body=form.cleaned_data["body"]
            ),
        )
    else:
        messages.error(request, _("A comment has at most 600 characters."))
    return redirect_back(request, post)


@login_required
@require_POST
def accept(request, kind, pk):
    answer = post_or_404("answer", pk)
    run_action(request, lambda: services.accept_answer(answer=answer, by=request.user))
    return redirect_back(request, answer)


@login_required
@require_POST
def verify(request, kind, pk):
    answer = post_or_404("answer", pk)
    verified = request.POST.get("verified", "1") == "1"
    run_action(
        request,
        lambda: services.verify_answer(answer=answer, by=request.user, verified=verified),
        done=_("The answer is marked as verified.") if verified else "",
    )
    return redirect_back(request, answer)


@login_required
@require_POST
def follow_question(request, kind, pk):
    question = post_or_404("question", pk)
    on = request.POST.get("on", "1") == "1"
    services.follow(user=request.user, question=question, on=on)
    messages.success(
        request, _("You follow this question.") if on else _("You no longer follow this question.")
    )
    return redirect_back(request, question)


@login_required
@require_POST
def follow_key(request):
    target, key = request.POST.get("target"), request.POST.get("key", "")[:100]
    if target not in ("tag", "product") or not key:
        raise Http404
    on = request.POST.get("on", "1") == "1"
    services.follow(user=request.user, **{target: key}, on=on)
    messages.success(
        request,
        _("Saved. You get a notification for new questions.")
        if on
        else _("You no longer follow this."),
    )
    return (
        redirect_back(request, None)
        if request.POST.get("next")
        else redirect("community:questions")
    )


@login_required
@require_POST
def review(request, kind, pk):
    post = post_or_404(kind, pk)
    approve = request.POST.get("approve") == "1"
    run_action(
        request,
        lambda: services.review_post(
            post=post, by=request.user, approve=approve, why=request.POST.get("why", "")
        ),
        done=_("Approved.") if approve else _("Rejected."),
    )
    return redirect_back(request, post)


@login_required
@require_POST
def delete(request, kind, pk):
    post = post_or_404(kind, pk)
    why = request.POST.get("why", "")
    if request.POST.get("undelete") == "1":
        run_action(
            request,
            lambda: services.undelete_post(post=post, by=request.user, why=why),
            done=_("The post is visible again."),
        )
    else:
        run_action(
            request,
            lambda: services.delete_post(post=post, by=request.user, why=why),
            done=_("The post is deleted."),
        )
    target = post.question if isinstance(post, Answer) else post
    if isinstance(post, Comment):
        target = post.question or post.answer.question
    return redirect_back(request, target)


@login_required
@require_POST
def moderate(request, pk):
    """Close, reopen, duplicate (+merge), lock/unlock and pin/unpin from the question page."""
    question = get_object_or_404(Question, pk=pk)
    action, why = request.POST.get("action"), request.POST.get("why", "")[:300]
    by = request.user
    calls = {
        "close": lambda: services.close_question(
            question=question, by=by, reason=request.POST.get("reason", ""), note=why
        ),
        "reopen": lambda: services.reopen_question(question=question, by=by, why=why),
        "lock": lambda: services.set_flag_field(
            question=question, by=by, field="is_locked", value=True, why=why
        ),
        "unlock": lambda: services.set_flag_field(
            question=question, by=by, field="is_locked", value=False, why=why
        ),
        "pin": lambda: services.set_flag_field(
            question=question, by=by, field="is_pinned", value=True, why=why
        ),
        "unpin": lambda: services.set_flag_field(
            question=question, by=by, field="is_pinned", value=False, why=why
        ),
        "duplicate": lambda: services.mark_duplicate(
            question=question,
            by=by,
            original=original_question(request),
            merge_answers=request.POST.get("merge") == "1",
        ),
    }
    if action not in calls:
        raise Http404
    run_action(request, calls[action], done=_("Done."))
    return redirect_back(request, question)


class FlagView(LoginRequiredMixin, FormView):
    template_name = "community/flag.html"
    form_class = FlagForm

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = post_or_404(kwargs["kind"], kwargs["pk"])
        if kwargs["kind"] == "comment":
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_obj, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.raise_flag(
                post=self.post_obj,
                by=self.request.user,
                reason=data["reason"],
                note=data["note"],
                duplicate_of=data["duplicate_of"],
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        messages.success(self.request, _("Thanks, a moderator will take a look."))
        return redirect(self.post_obj.get_absolute_url())


class PromoteView(LoginRequiredMixin, FormView):
    template_name = "community/promote.html"
    form_class = PromoteForm

    def dispatch(self, request, *args, **kwargs):
        self.question = get_object_or_404(Question, pk=kwargs["pk"])
        if request.user.is_authenticated and not is_moderator(request.user):
            raise PermissionDenied(_("Only moderators and customer service can do this."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "question": self.question}

    def get_initial(self):
        return {"answer": services.best_answer(self.question)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def form_valid(self, form):
        try:
            article = services.promote_to_article(
                question=self.question,
                by=self.request.user,
                category=form.cleaned_data["category"],
                answer=form.cleaned_data["answer"],
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        messages.success(
            self.request,
            _("A draft article “%(title)s” is waiting for the editors.") % {"title": article.title},
        )
        return redirect(self.question)
