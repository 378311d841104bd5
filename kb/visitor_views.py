"""Endpoints anonymous visitors use around help pages: feedback votes, dismissing banners and
streaming product videos. Each works as a plain form POST or link; JavaScript only enhances."""

import base64
import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page
from wagtailmedia.models import get_media_model

from vraagbaak import visitors
from vraagbaak.http import safe_next

from . import announcements, feedback, page_views
from .media import ranged_file_response
from .models import Announcement, FeedbackReason, VideoPage


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.ChoiceField(choices=FeedbackReason.choices, required=False)
    comment = forms.CharField(required=False, max_length=1000)
    entry = forms.SlugField(required=False, max_length=64)


def _is_fetch(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def _back(request, fallback: str, anchor: str = ""):
    target = safe_next(request, request.POST.get("next"), fallback)
    return redirect(f"{target.split('#')[0]}{anchor}")


@require_POST
def page_feedback(request, page_id: int):
    """Records 'was this helpful?' for a page or FAQ entry, then sends the visitor back to it
    (or, for a fetch() from kb-feedback.js, returns the updated feedback box)."""
    page = get_object_or_404(Page.objects.live().specific(), pk=page_id)
    key = visitors.visitor_token(request)
    form = FeedbackForm(request.POST)
    vote, status, text = None, 400, _("Please choose yes or no.")
    if form.is_valid():
        try:
            feedback.check_rate_limit(
                visitor_key=key, address_key=feedback.address_key_from(request)
            )
            vote = feedback.record_feedback(page=page, visitor_key=key, **form.cleaned_data)
            status, text = 200, _thanks(vote, form.cleaned_data)
        except PermissionDenied as error:
            status, text = 429, str(error)
        except ValidationError as error:
            text = " ".join(error.messages)
    entry = form.cleaned_data.get("entry", "") if form.is_valid() else ""
    if _is_fetch(request):
        html = render_to_string(
            "kb/includes/feedback.html",
            {"page": page, "entry": entry, "vote": vote, "vote_known": vote is not None,
             "feedback_message": text, "feedback_ok": status == 200},
            request=request,
        )
        response = HttpResponse(html, status=status)
    else:
        messages.add_message(request, messages.SUCCESS if status == 200 else messages.ERROR, text)
        response = _back(request, page.url or "/", f"#feedback-{entry or 'page'}")
    visitors.remember(request, response)
    return response


def _thanks(vote, data) -> str:
    if vote.helpful:
        return _("Thank you for your feedback!")
    if data.get("reason") or data.get("comment"):
        return _("Thank you for explaining. We will use it to improve this page.")
    return _("Thank you. What was missing? Tell us below, if you like.")


# A transparent 1×1 GIF: the feedback box's view counter (kb.page_views).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def page_seen(request, page_id: int):
    """Counts a view of a live help page (once per visitor per day) and returns a pixel."""
    if Page.objects.live().filter(pk=page_id).exists():
        visitor = feedback.visitor_key_from(request) or feedback.address_key_from(request)
        page_views.count_view(page_id=page_id, visitor=visitor)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def dismiss_announcement(request, pk: int):
    """Hides an announcement for this visitor (cookie), then back to where they were."""
    announcement = get_object_or_404(Announcement, pk=pk)
    response = HttpResponse(status=204) if _is_fetch(request) else _back(request, "/")
    announcements.remember_dismissed(request, response, announcement.pk)
    return response


@require_GET
def video_file(request, media_id: int, filename: str):
    """A video page's file with HTTP range support, so chapter links can seek the player.

    Only files used by a live video page are served here.
    """
    media = get_object_or_404(get_media_model(), pk=media_id, type="video")
    if media.filename != filename or not VideoPage.objects.live().filter(video=media).exists():
        raise Http404
    content_type = mimetypes.guess_type(media.filename)[0] or "application/octet-stream"
    response = ranged_file_response(request, media.file, content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
