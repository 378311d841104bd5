"""Helpers the community views share: service errors to messages or form errors, and the
one way a view finds a post (hidden posts are a 404 for whoever may not see them)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from vraagbaak.http import safe_next

from .. import compose
from ..forms import (
    FlagForm,
)
from ..models import Answer, Comment, PostStatus, Question
from ..roles import is_moderator

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


def form_with_errors(form, error):
    """Put a service's ValidationError/PermissionDenied on the form, keeping the input."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
        for message in messages_:
            form.add_error(None, message)
    return form


# The button on a form that re-checked personal data: "Toch openbaar plaatsen" (masked).
PUBLISH_MASKED = "publish_masked"


def personal_data_notice(found, *, offer_private: bool) -> dict:
    """Template context for includes/pii_notice.html: what was found (masked, once each) and,
    on the ask form, where "Stel het privé aan de klantenservice" posts the same fields."""
    shown = []
    for finding in found.findings:
        item = (finding.label, finding.masked if finding.value != finding.masked else "")
        if item not in shown:
            shown.append(item)
    route = compose.private_route() if offer_private else None
    return {"findings": shown, "private_url": reverse(route) if route else None,
            "publish_name": PUBLISH_MASKED}


def live_article(question):
    article = question.kb_article
    if article is not None and article.live:
        return article
    return None


def question_or_404(user, pk) -> Question:
    """The question `pk` if `user` may see it (Question.objects.visible_to), else 404."""
    return get_object_or_404(Question.objects.visible_to(user), pk=pk)


def post_or_404(kind: str, pk: int, user, *, kinds=("question", "answer", "comment")):
    """The post of `kind` if it is one of `kinds` and `user` may see it (and the question it
    belongs to), else 404. Every question-scoped view finds its post here."""
    if kind not in kinds:
        raise Http404
    if kind == "question":
        return question_or_404(user, pk)
    if kind == "answer":
        return get_object_or_404(Answer.objects.visible_to(user).select_related("question"), pk=pk)
    comment = get_object_or_404(Comment.objects.select_related("question", "answer"), pk=pk)
    hidden = comment.visibility != PostStatus.PUBLISHED and not (
        is_moderator(user) or comment.author_id == getattr(user, "pk", None)
    )
    if hidden:
        raise Http404
    if comment.question_id:
        post_or_404("question", comment.question_id, user)
    else:
        post_or_404("answer", comment.answer_id, user)
    return comment


def visible_post(*kinds):
    """Decorator for `view(request, post, ...)` routes taking `kind` and `pk`: resolves the
    post before the login check, so a hidden post is a 404 for anonymous visitors too."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, kind, pk, **kwargs):
            return view(request, post_or_404(kind, pk, request.user, kinds=kinds), **kwargs)

        return wrapper

    return decorator


def redirect_back(request, post):
    fallback = post.get_absolute_url() if hasattr(post, "get_absolute_url") else "/"
    return redirect(safe_next(request, request.POST.get("next"), fallback))


def run_action(request, call, *, done: str = ""):
    """Run a service call for a POST action; show its refusal as a message."""
    try:
        result = call()
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return None
    if done:
        messages.success(request, done)
    return result


def original_question(request) -> Question:
    form = FlagForm({"reason": "duplicate", "duplicate_of": request.POST.get("original", "")})
    form.is_valid()
    original = form.cleaned_data.get("duplicate_of")
    if original is None:
        raise ValidationError(_("We can't find that question."))
    return original
