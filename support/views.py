"""Shopper-facing pages: contact with its deflection step, ticket pages (signed link or own
account), private questions from the ask form, and surveys. Thin: forms, services, render."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from search import selectors as search_selectors
from search import services as search_services
from search import visitors
from search.models import SuggestionLog
from vraagbaak.throttle import count_hit

from . import answers as answering
from . import links, selectors, services
from .conf import ticket_rate
from .forms import (
    FollowUpForm,
    MessageForm,
    PrivateQuestionForm,
    StepOneForm,
    StepTwoForm,
    SurveyForm,
)
from .models import Source, SupportSettings, TicketAttachment, Topic
from .roles import is_support_staff
from .services import asking
from .trail import visit_trail

SHOWN_SECONDS = 2 * 3600


def _page_context(request) -> dict:
    return {"desk": SupportSettings.current(request)}


def _rate_limited(request) -> bool:
    """More than SUPPORT_TICKET_RATE new tickets this hour from this visitor or address."""
    keys = [f"support:rate:v:{visitors.visitor_key(request)}",
            f"support:rate:ip:{visitors.client_fingerprint(request)}"]
    counts = [count_hit(key, window=3600) for key in keys]  # both count, even past the limit
    return max(counts) > ticket_rate()


def contact(request):
    """GET: step 1. POST action=answers: what already answers it; action=solved: a confirmed
    deflection; action=more or ticket: step 2, then the ticket."""
    visitors.visitor_key(request)  # the cookie from the first page on, for the widget's logs too
    action = request.POST.get("action") if request.method == "POST" else request.GET.get("step")
    if action == "solved":
        return _solved(request)
    if action in ("more", "2", "ticket"):
        return _step_two(request, submitted=action == "ticket")
    form = StepOneForm(request.POST or None)
    context = _page_context(request) | {"form": form, "step": 1}
    if request.method == "POST" and form.is_valid():
        found = answering.answers_for(
            text=form.cleaned_data["description"], language=get_language(),
            topic=form.cleaned_data["topic"], postcode=form.cleaned_data["postcode"])
        suggestion = None
        if found.shown:
            suggestion = search_services.log_suggestions(
                query=search_selectors.normalise(form.cleaned_data["description"]),
                language=get_language(),
                context=SuggestionLog.Context.CONTACT, shown=len(found.shown),
                visitor=visitors.visitor_key(request), user=request.user)
        if suggestion is not None:
            # What we showed, for the ticket's trail should the visitor still need help.
            cache.set(f"support:shown:{suggestion.pk}", found.shown, timeout=SHOWN_SECONDS)
        if found:
            context |= {"step": "answers", "answers": found, "suggestion": suggestion}
        else:
            return _step_two(request, submitted=False, suggestion=suggestion)
    response = render(request, "support/contact.html", context)
    return visitors.remember(request, response)


def _own_suggestion(request):
    pk = request.POST.get("suggestion", "")
    if not pk.isdigit():
        return None
    return SuggestionLog.objects.filter(pk=int(pk), visitor=visitors.visitor_key(request)).first()


@require_POST
def _solved(request):
    """"Dit lost mijn vraag op": the same confirmed deflection search's confirm endpoint records."""
    suggestion = _own_suggestion(request)
    url = request.POST.get("url", "")[:500]
    if not url.startswith("/"):
        url = ""
    context = _page_context(request) | {"step": "solved"}
    if suggestion is not None:
        search_services.record_suggestion_click(suggestion=suggestion, position=1, url=url)
        deflection = search_services.confirm_deflection(
            suggestion=suggestion, document=request.POST.get("key", "")[:255], url=url,
            user=request.user)
        context |= _follow_up_address(request, deflection)
    return render(request, "support/contact.html", context)


def _follow_up_address(request, deflection) -> dict:
    """A visitor without an account may leave an address for tomorrow's "Heeft dit je
    geholpen?"; a wrong one is named on the page instead of silently dropped."""
    form = FollowUpForm(request.POST)
    if request.user.is_authenticated or not request.POST.get("email", "").strip():
        return {}
    if not form.is_valid():
        return {"follow_up_error": request.POST["email"][:254]}
    asking.remember_address(deflection=deflection, email=form.cleaned_data["email"],
                            language=get_language())
    return {"follow_up": True}


def _step_two(request, *, submitted: bool, suggestion=None):
    needs_email = not request.user.is_authenticated
    data = request.POST if request.method == "POST" else request.GET
    if submitted:
        form = StepTwoForm(data, request.FILES, needs_email=needs_email)
    else:
        initial = {key: data.get(key, "") for key in ("topic", "description", "postcode")}
        initial |= {"token": secrets.token_urlsafe(24),
                    "suggestion": suggestion.pk if suggestion else data.get("suggestion", "")}
        form = StepTwoForm(initial=initial, needs_email=needs_email)
        own = _own_suggestion(request) if suggestion is None and request.method == "POST" else None
        if own is not None:
            search_services.record_form_posted(suggestion=own)
    topic_pk = str(form["topic"].value() or "")
    summary_topic = Topic.objects.filter(pk=topic_pk).first() if topic_pk.isdigit() else None
    context = _page_context(request) | {"form": form, "step": 2, "summary_topic": summary_topic}
    if submitted and form.is_valid():
        ticket = _create_from_form(request, form)
        if ticket is not None:
            return ticket
        context["rate_limited"] = True
    return visitors.remember(request, render(request, "support/contact.html", context))


def _create_from_form(request, form):
    data = form.cleaned_data
    existing = selectors.ticket_with_token(data["token"])
    if existing is None and _rate_limited(request):
        return None
    visitor = visitors.visitor_key(request)
    suggestion = _own_suggestion(request)
    shown = cache.get(f"support:shown:{suggestion.pk}", []) if suggestion else []
    ticket = existing or services.create_ticket(
        subject=data["description"].splitlines()[0][:120], body=data["description"],
        language=get_language(), source=Source.CONTACT, topic=data["topic"],
        requester=request.user, email=data.get("email", ""),
        order_number=data["order_number"], postcode=data["postcode"], visitor=visitor,
        trail=visit_trail(visitor, extra_shown=shown), uploads=data["attachments"],
        form_token=data["token"],
    )
    if existing is None and suggestion is not None:
        search_services.record_form_posted(suggestion=suggestion)
    messages.success(request, _("Thank you! Your question has reference %(ref)s. We reply by "
                                "e-mail.") % {"ref": ticket.reference})
    if request.user.is_authenticated and ticket.requester_id == request.user.pk:
        return redirect("support:my_ticket", reference=ticket.reference)
    return HttpResponseRedirect(links.ticket_path(ticket))


def _ticket_page(request, ticket, *, post_url: str, via_link: bool, token: str = ""):
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.shopper_reply(ticket=ticket, body=form.cleaned_data["body"],
                                   user=request.user, via_link=via_link,
                                   uploads=form.cleaned_data["attachments"])
        except ValidationError as exc:
            form.add_error("body", exc)
        else:
            messages.success(request, _("Your message was sent to customer service."))
            return HttpResponseRedirect(post_url)
    context = _page_context(request) | {
        "ticket": ticket, "conversation": selectors.public_conversation(ticket), "form": form,
        "post_url": post_url, "via_link": via_link, "token": token,
    }
    return render(request, "support/ticket.html", context)


def ticket_link(request, token):
    """A ticket opened from the signed link we e-mailed; no account needed."""
    try:
        ticket = links.ticket_from_token(token)
    except links.BadLink as exc:
        return render(request, "support/bad_link.html", {"expired": exc.expired}, status=403)
    return _ticket_page(request, ticket, post_url=request.path, via_link=True, token=token)


@login_required
def my_tickets(request):
    return render(request, "support/my_tickets.html",
                  {"tickets": selectors.tickets_of(request.user)})


@login_required
def my_ticket(request, reference):
    ticket = selectors.own_ticket(request.user, reference)
    if ticket is None:
        raise Http404
    return _ticket_page(request, ticket, post_url=request.path, via_link=False)


@login_required
@require_POST
def private_question(request):
    """The community ask form's draft, sent privately to the desk (never published)."""
    form = PrivateQuestionForm(request.POST)
    if not form.is_valid():
        return render(request, "support/private_question.html", {"form": form}, status=400)
    title = form.cleaned_data["title"].strip()
    body = form.cleaned_data["body"].strip() or title
    ticket = services.create_ticket(
        subject=title or body[:120], body=f"{title}\n\n{body}" if title and body != title else body,
        language=get_language(), source=Source.PRIVATE, requester=request.user,
        visitor=visitors.visitor_key(request),
    )
    messages.success(request, _("Your question went privately to customer service (reference "
                                "%(ref)s). Nothing was published.") % {"ref": ticket.reference})
    return redirect("support:my_ticket", reference=ticket.reference)


def survey(request, token):
    try:
        invitation = links.survey_from_token(token)
    except links.BadLink as exc:
        return render(request, "support/bad_link.html", {"expired": exc.expired}, status=403)
    if invitation.answered_at:
        return render(request, "support/survey.html", {"invitation": invitation, "done": True})
    form = SurveyForm(request.POST or None, invitation=invitation,
                      initial={"score": request.GET.get("score")})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(invitation=invitation, score=form.cleaned_data["score"],
                                   comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "support/survey.html", {"invitation": invitation,
                                                           "done": True, "thanks": True})
    return render(request, "support/survey.html", {"invitation": invitation, "form": form})


def attachment(request, pk):
    """An attachment, to customer service and to the ticket's own signed-in shopper; anyone
    else gets a 404 (not a login page: its existence is not confirmed)."""
    item = _attachment(pk)
    ticket = item.message.ticket
    staff = is_support_staff(request.user)
    own = request.user.is_authenticated and ticket.requester_id == request.user.pk
    if not (staff or own) or (item.message.kind == "note" and not staff):
        raise Http404
    return _download(item)


def ticket_link_attachment(request, token, pk):
    """An attachment of the ticket whose signed link this is (no account needed)."""
    try:
        ticket = links.ticket_from_token(token)
    except links.BadLink as exc:
        raise Http404 from exc
    item = _attachment(pk)
    if item.message.ticket_id != ticket.pk or item.message.kind == "note":
        raise Http404
    return _download(item)


def _attachment(pk) -> TicketAttachment:
    return get_object_or_404(TicketAttachment.objects.select_related("message__ticket"), pk=pk)


def _download(item: TicketAttachment) -> FileResponse:
    """Always a download, never rendered inline by the browser, with the type we checked."""
    response = FileResponse(item.file.open("rb"), content_type=item.content_type,
                            as_attachment=True, filename=item.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def ask_back(request, token):
    """One click from "Heeft dit je geholpen?": yes (solved) or no (contact step 2, prefilled);
    the inbox's link (neither) shows both choices."""
    try:
        askback, solved = links.askback_from_token(token)
    except links.BadLink as exc:
        return render(request, "support/bad_link.html", {"expired": exc.expired}, status=403)
    if solved is None:
        return render(request, "support/ask_back.html", {
            "askback": askback, "yes": links.askback_path(askback, True),
            "no": links.askback_path(askback, False)})
    target = asking.answer_ask_back(askback=askback, solved=solved)
    if solved:
        messages.success(request, _("Great, glad it helped!"))
    return HttpResponseRedirect(target)
