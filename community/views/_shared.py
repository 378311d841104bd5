"""Helpers the community views share: service errors to messages or form errors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..forms import (
    FlagForm,
)
from ..models import Answer, Comment, Question
from ..services.posts import visible_or_404

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


def live_article(question):
    article = question.kb_article
    if article is not None and article.live:
        return article
    return None


def visible_or_404_http(post, user):
    try:
        visible_or_404(post, user=user)
    except PermissionDenied:
        raise Http404 from None


def post_or_404(kind: str, pk: int):
    if kind not in POST_MODELS:
        raise Http404
    return get_object_or_404(POST_MODELS[kind], pk=pk)


def redirect_back(request, post):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(post.get_absolute_url() if hasattr(post, "get_absolute_url") else "/")


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
