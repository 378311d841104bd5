"""The staff queue and the ticket page in the Wagtail admin, for customer service
(`support.handle_ticket`). Every action calls one service; this module only routes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kb.models import CategoryPage

from . import selectors, services
from .models import CannedReply, Source, Status, SupportSettings, Ticket, Topic
from .roles import SUPPORT_GROUP, is_support_staff
from .sla import Promise


def _staff_members():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=SUPPORT_GROUP, is_active=True).distinct()


class QueueFilters(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("Not resolved")), *Status.choices])
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Source"), required=False,
                               choices=[("", gettext_lazy("All")), *Source.choices])
    assignee = forms.ChoiceField(label=gettext_lazy("Assigned to"), required=False)
    age = forms.ChoiceField(label=gettext_lazy("Older than"), required=False, choices=[
        ("", gettext_lazy("Any age")), ("1d", gettext_lazy("1 day")),
        ("3d", gettext_lazy("3 days")), ("7d", gettext_lazy("a week"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All"))] + [
            (t.slug, t.name) for t in Topic.objects.all()]
        self.fields["assignee"].choices = [("", _("Anyone")), ("none", _("Nobody"))] + [
            (str(u.pk), str(u)) for u in _staff_members()]


def _require(request):
    if not is_support_staff(request.user):
        raise PermissionDenied


def queue(request):
    _require(request)
    filters = QueueFilters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    desk = SupportSettings.current(request)
    rows = selectors.queue(promise=Promise.from_settings(desk), filters=chosen)
    return TemplateResponse(request, "support/admin/queue.html",
                            {"filters": filters, "rows": rows, "desk": desk,
                             "surveys": selectors.survey_results()})


class ReplyForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Reply to the shopper"),
                           widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    then = forms.ChoiceField(label=gettext_lazy("Then"), choices=[
        (Status.WAITING, gettext_lazy("wait on the shopper")),
        (Status.OPEN, gettext_lazy("keep open")),
        (Status.RESOLVED, gettext_lazy("resolve"))], initial=Status.WAITING)


class NoteForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Internal note"), max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ManageForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Status.choices)
    assignee = forms.ChoiceField(label=gettext_lazy("Assigned to"), required=False)
    priority = forms.ChoiceField(label=gettext_lazy("Priority"),
                                 choices=Ticket._meta.get_field("priority").choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Nobody"))] + [
            (str(u.pk), str(u)) for u in _staff_members()]


class DraftForm(forms.Form):
    category = forms.ModelChoiceField(label=gettext_lazy("Category"),
                                      queryset=CategoryPage.objects.none())
    kind = forms.ChoiceField(choices=[("article", "article"), ("faq", "faq")],
                             widget=forms.HiddenInput)

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = CategoryPage.objects.filter(
            locale__language_code=language).order_by("path")


def _act(request, ticket) -> bool:
    """Run the posted action; True when it succeeded (the page then redirects)."""
    user, post = request.user, request.POST
    action = post.get("action")
    if action == "reply":
        form = ReplyForm(post)
        if form.is_valid():
            status = form.cleaned_data["then"]
            services.reply(ticket=ticket, by=user, body=form.cleaned_data["body"],
                           status=Status.WAITING if status == Status.RESOLVED else status)
            if status == Status.RESOLVED:
                services.resolve(ticket=ticket, by=user)
            messages.success(request, _("Your reply was e-mailed to the shopper."))
            return True
        return False
    if action == "note":
        form = NoteForm(post)
        if form.is_valid():
            services.add_note(ticket=ticket, by=user, body=form.cleaned_data["note"])
            return True
        return False
    if action == "manage":
        form = ManageForm(post)
        if form.is_valid():
            data = form.cleaned_data
            assignee = _staff_members().filter(pk=data["assignee"] or 0).first()
            services.assign(ticket=ticket, by=user, assignee=assignee)
            services.set_priority(ticket=ticket, by=user, priority=data["priority"])
            services.change_status(ticket=ticket, by=user, status=data["status"])
            messages.success(request, _("The ticket was updated."))
            return True
        return False
    if action == "answer":
        message = ticket.messages.filter(pk=post.get("message") or 0).first()
        if message is None:
            raise Http404
        services.post_as_answer(message=message, by=user)
        messages.success(request, _("The reply is now the verified answer of the question."))
        return True
    if action == "draft":
        form = DraftForm(post, language=ticket.language)
        if form.is_valid():
            make = (services.make_faq_draft if form.cleaned_data["kind"] == "faq"
                    else services.make_article_draft)
            page = make(ticket=ticket, by=user, category=form.cleaned_data["category"])
            messages.success(request, _("Draft “%(title)s” is waiting for the editors.")
                             % {"title": page.title})
            return True
        return False
    return False


def ticket_page(request, pk):
    _require(request)
    ticket = selectors.staff_ticket(pk)
    if ticket is None:
        raise Http404
    if request.method == "POST":
        try:
            if _act(request, ticket):
                return redirect("support_ticket", pk=ticket.pk)
            messages.error(request, _("Check the form: something is missing."))
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [])) or str(error) or _("Not allowed.")
            messages.error(request, text)
        ticket = selectors.staff_ticket(pk)
    desk = SupportSettings.current(request)
    from .sla import state_of

    context = {
        "ticket": ticket,
        "sla": state_of(created=ticket.created_at, first_response=ticket.first_response_at,
                        promise=Promise.from_settings(desk)),
        "reply_form": ReplyForm(request.POST if request.POST.get("action") == "reply" else None),
        "note_form": NoteForm(),
        "manage_form": ManageForm(initial={"status": ticket.status, "priority": ticket.priority,
                                           "assignee": ticket.assignee_id or ""}),
        "draft_form": DraftForm(language=ticket.language),
        "canned": CannedReply.objects.filter(language=ticket.language),
    }
    return TemplateResponse(request, "support/admin/ticket.html", context)
