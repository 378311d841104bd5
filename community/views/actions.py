"""POST actions on a post: vote, comment, accept, verify, follow, flag, moderate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from gamification.rates import RateLimited
from vraagbaak.http import safe_next

from .. import services
from ..forms import (
    CommentForm,
    FlagForm,
    PromoteForm,
)
from ..models import Answer, Comment
from ..roles import is_moderator
from ._shared import (
    form_with_errors,
    original_question,
    post_or_404,
    question_or_404,
    redirect_back,
    run_action,
    visible_post,
)


@visible_post("question", "answer")
@login_required
@require_POST
def vote(request, post):
    """Vote; static/js/community.js posts with Accept: application/json and gets the new
    score back instead of a redirect (the page then needs no reload). Only questions and
    answers take votes: any other kind is a 404."""
    value = 1 if request.POST.get("value") == "up" else -1
    if "application/json" not in request.headers.get("Accept", ""):
        run_action(request, lambda: services.cast_vote(user=request.user, post=post, value=value))
        return redirect_back(request, post)
    try:
        vote = services.cast_vote(user=request.user, post=post, value=value)
    except RateLimited as error:
        response = JsonResponse({"error": "rate_limited", "message": error.messages[0]},
                                status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        return JsonResponse({"error": text}, status=403)
    return JsonResponse({"score": post.score, "my_vote": vote.value if vote else 0})


@visible_post("question", "answer")
@login_required
@require_POST
def comment(request, post):
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


@visible_post("answer")
@login_required
@require_POST
def accept(request, answer):
    run_action(request, lambda: services.accept_answer(answer=answer, by=request.user))
    return redirect_back(request, answer)


@visible_post("answer")
@login_required
@require_POST
def verify(request, answer):
    verified = request.POST.get("verified", "1") == "1"
    run_action(
        request,
        lambda: services.verify_answer(answer=answer, by=request.user, verified=verified),
        done=_("The answer is marked as verified.") if verified else "",
    )
    return redirect_back(request, answer)


@visible_post("question")
@login_required
@require_POST
def follow_question(request, question):
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
    return redirect(safe_next(request, request.POST.get("next"), reverse("community:questions")))


@visible_post("question", "answer", "comment")
@login_required
@require_POST
def review(request, post):
    approve = request.POST.get("approve") == "1"
    run_action(
        request,
        lambda: services.review_post(
            post=post, by=request.user, approve=approve, why=request.POST.get("why", "")
        ),
        done=_("Approved.") if approve else _("Rejected."),
    )
    return redirect_back(request, post)


@visible_post("question", "answer", "comment")
@login_required
@require_POST
def delete(request, post):
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


def moderate(request, pk):
    """Close, reopen, duplicate (+merge), lock/unlock and pin/unpin from the question page."""
    return _moderate(request, question_or_404(request.user, pk))


@login_required
@require_POST
def _moderate(request, question):
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


def close_vote(request, pk):
    """A vote to close (reason, and for a duplicate the original) or to reopen."""
    return _close_vote(request, question_or_404(request.user, pk))


@login_required
@require_POST
def _close_vote(request, question):
    def call():
        if request.POST.get("action") == "reopen":
            return services.vote_to_reopen(question=question, by=request.user)
        reason = request.POST.get("reason", "")
        original = original_question(request) if reason == "duplicate" else None
        return services.vote_to_close(
            question=question, by=request.user, reason=reason, duplicate_of=original
        )

    run_action(request, call, done=_("Thanks, your vote is counted."))
    return redirect_back(request, question)


class FlagView(LoginRequiredMixin, FormView):
    template_name = "community/flag.html"
    form_class = FlagForm

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = post_or_404(
            kwargs["kind"], kwargs["pk"], request.user, kinds=("question", "answer")
        )
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
        self.question = question_or_404(request.user, kwargs["pk"])
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
            format_html(
                '{} <a href="{}">{}</a>',
                _("A draft article “%(title)s” is waiting for the editors.")
                % {"title": article.title},
                reverse("wagtailadmin_pages:edit", args=[article.pk]),
                _("Open the draft"),
            ),
        )
        return redirect(self.question)
