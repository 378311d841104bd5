"""Thin views: parse input, call one service or selector, render. Errors from services come
back as messages (POST actions) or form errors (forms), never as a 500."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from . import selectors, services
from .forms import (
    AnswerForm,
    AskForm,
    CommentForm,
    EditAnswerForm,
    EditQuestionForm,
    FlagForm,
    NotificationSettingsForm,
    ProfileForm,
    PromoteForm,
)
from .models import Answer, Comment, Question, User
from .roles import is_moderator
from .services.notifications import channels_for
from .services.posts import visible_or_404

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}


# Profiles -------------------------------------------------------------------------------------


class ProfileView(DetailView):
    template_name = "community/profile_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return selectors.public_profile(username=self.kwargs["username"])

    def get_context_data(self, **kwargs):
        member = self.object
        return super().get_context_data(
            questions=selectors.question_list(language=get_language()).filter(author=member)[:10],
            can_suspend=is_moderator(self.request.user) and member != self.request.user,
            **kwargs,
        )


class MemberListView(ListView):
    template_name = "community/member_list.html"
    context_object_name = "members"
    paginate_by = 30

    def get_queryset(self):
        return selectors.members()


class ProfileSettingsView(LoginRequiredMixin, FormView):
    template_name = "community/profile_settings.html"
    form_class = ProfileForm
    success_url = reverse_lazy("community:settings")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def form_valid(self, form):
        services.update_profile(
            user=self.request.user,
            display_name=form.cleaned_data["display_name"],
            bio=form.cleaned_data["bio"],
            avatar=form.cleaned_data["avatar"],
            remove_avatar=form.cleaned_data["remove_avatar"],
        )
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        messages.error(
            self.request, _("Your profile was not saved. Check the fields marked below.")
        )
        return super().form_invalid(form)


# Question lists -------------------------------------------------------------------------------


class QuestionListView(ListView):
    """Newest / active / unanswered / most votes, filtered by ?tag= ?product= ?status=."""

    template_name = "community/question_list.html"
    context_object_name = "questions"
    paginate_by = 20
    heading = gettext_lazy("Community questions")

    def filters(self) -> dict:
        get = self.request.GET
        sort = get.get("sort", "newest")
        return {
            "sort": sort if sort in selectors.SORTS else "newest",
            "tag": get.get("tag", "")[:100],
            "product": get.get("product", "")[:120],
            "status": get.get("status", ""),
        }

    def get_queryset(self):
        return selectors.question_list(language=get_language(), **self.filters())

    def get_context_data(self, **kwargs):
        filters = self.filters()
        keep = {k: v for k, v in filters.items() if v and k != "sort"}
        return super().get_context_data(
            filters=filters,
            sorts=[
                ("newest", _("Newest")),
                ("active", _("Active")),
                ("unanswered", _("Unanswered")),
                ("votes", _("Most votes")),
            ],
            statuses=Question.Status.choices,
            keep_query="&".join(f"{k}={v}" for k, v in keep.items()),
            page_query="&".join(f"{k}={v}" for k, v in filters.items() if v),
            popular_tags=selectors.popular_tags(language=get_language()),
            heading=self.heading,
            **kwargs,
        )


class TagView(QuestionListView):
    def filters(self):
        return super().filters() | {"tag": self.kwargs["tag"]}

    def get_context_data(self, **kwargs):
        tag = selectors.tag(slug=self.kwargs["tag"])
        context = super().get_context_data(tag=tag, **kwargs)
        context["heading"] = _("Questions tagged “%(tag)s”") % {"tag": tag.name}
        context["follow_target"] = ("tag", tag.slug)
        return context


class ProductView(QuestionListView):
    def filters(self):
        return super().filters() | {"product": self.kwargs["product"]}

    def get_context_data(self, **kwargs):
        from kb.models import Product

        product = get_object_or_404(
            Product, slug=self.kwargs["product"], locale__language_code=get_language()
        )
        context = super().get_context_data(product=product, **kwargs)
        context["heading"] = _("Questions about %(product)s") % {"product": product.name}
        context["follow_target"] = ("product", product.slug)
        return context


# Asking, answering, editing --------------------------------------------------------------------


class AskView(LoginRequiredMixin, FormView):
    template_name = "community/ask.html"
    form_class = AskForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "language": get_language()}

    def get_initial(self):
        return {"title": self.request.GET.get("title", "")[:150]}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            question = services.ask_question(
                author=self.request.user,
                title=data["title"],
                body=data["body"],
                tags=data["tags"],
                locale=get_language(),
                product=data["product"],
                images=data["image"],
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(_with_errors(form, error))
        if question.is_visible:
            messages.success(self.request, _("Your question is posted."))
        else:
            messages.info(
                self.request,
                _(
                    "Thanks! A moderator checks the first post of every new member; "
                    "it will be visible to others soon."
                ),
            )
        return redirect(question)


def _with_errors(form, error):
    """Put a service's ValidationError/PermissionDenied on the form, keeping the input."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
        for message in messages_:
            form.add_error(None, message)
    return form


class QuestionView(TemplateView):
    """The question page: one selector call, a fixed number of queries."""

    template_name = "community/question_detail.html"
    answer_form = None

    def get(self, request, *args, **kwargs):
        self.page = selectors.question_page(pk=kwargs["pk"], viewer=request.user)
        question = self.page.question
        visible_or_404_http(question, request.user)
        if kwargs.get("slug") != question.slug or question.locale != get_language():
            return HttpResponseRedirect(question.get_absolute_url(), status=301)
        Question.objects.filter(pk=question.pk).update(view_count=F("view_count") + 1)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        question = self.page.question
        user = self.request.user
        return super().get_context_data(
            page_data=self.page,
            question=question,
            answers=self.page.answers,
            can=selectors.abilities(user),
            is_asker=user.is_authenticated and user.pk == question.author_id,
            answer_form=self.answer_form or AnswerForm(),
            comment_form=CommentForm(),
            canonical=self.request.build_absolute_uri(question.get_absolute_url()),
            kb_article=_live_article(question),
            **kwargs,
        )


def _live_article(question):
    article = question.kb_article
    if article is not None and article.live:
        return article
    return None


def visible_or_404_http(post, user):
    try:
        visible_or_404(post, user=user)
    except PermissionDenied:
        raise Http404 from None


def question_redirect(request, pk):
    question = get_object_or_404(Question, pk=pk)
    return HttpResponseRedirect(question.get_absolute_url(), status=301)


class AnswerView(LoginRequiredMixin, QuestionView):
    """POST an answer; on errors the question page re-renders with the text intact."""

    def post(self, request, *args, **kwargs):
        question = get_object_or_404(Question, pk=kwargs["pk"])
        form = AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                answer = services.post_answer(
                    author=request.user,
                    question=question,
                    body=form.cleaned_data["body"],
                    images=form.cleaned_data["image"],
                )
            except (ValidationError, PermissionDenied) as error:
                _with_errors(form, error)
            else:
                if not answer.is_visible:
                    messages.info(
                        request,
                        _(
                            "Thanks! A moderator checks the first post of every new member; "
                            "it will be visible to others soon."
                        ),
                    )
                return redirect(answer.get_absolute_url())
        self.answer_form = form
        self.page = selectors.question_page(pk=question.pk, viewer=request.user)
        return self.render_to_response(self.get_context_data(), status=400)

    def get(self, request, *args, **kwargs):
        return redirect("community:question_short", pk=kwargs["pk"])


class EditPostMixin(LoginRequiredMixin):
    template_name = "community/edit.html"
    model = None

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = get_object_or_404(self.model, pk=kwargs["pk"])
        if request.user.is_authenticated and not services.can_edit(request.user, self.post_obj):
            raise PermissionDenied(_("You need more reputation to edit other members' posts."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_obj, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        extra = {}
        if isinstance(self.post_obj, Question):
            extra = {"title": data["title"], "tags": data["tags"]}
        try:
            services.edit_post(
                post=self.post_obj,
                by=self.request.user,
                body=data["body"],
                summary=data["summary"],
                **extra,
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(_with_errors(form, error))
        messages.success(self.request, _("Your edit is saved."))
        return redirect(self.post_obj.get_absolute_url())


class EditQuestionView(EditPostMixin, FormView):
    model = Question
    form_class = EditQuestionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "language": self.post_obj.locale}

    def get_initial(self):
        q = self.post_obj
        return {"title": q.title, "body": q.body, "tags": ", ".join(sorted(q.tags.names()))}


class EditAnswerView(EditPostMixin, FormView):
    model = Answer
    form_class = EditAnswerForm

    def get_initial(self):
        return {"body": self.post_obj.body}


def history(request, pk, kind):
    post = get_object_or_404(POST_MODELS[kind], pk=pk)
    visible_or_404_http(post, request.user)
    revisions = selectors.revisions(post=post)
    return render(
        request,
        "community/history.html",
        {
            "post": post,
            "question": post if kind == "question" else post.question,
            "revisions": selectors.revision_diffs(revisions),
        },
    )


# Actions on a post ----------------------------------------------------------------------------


def _post_or_404(kind: str, pk: int):
    if kind not in POST_MODELS:
        raise Http404
    return get_object_or_404(POST_MODELS[kind], pk=pk)


def _back(request, post):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(post.get_absolute_url() if hasattr(post, "get_absolute_url") else "/")


def _action(request, call, *, done: str = ""):
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


@login_required
@require_POST
def vote(request, kind, pk):
    post = _post_or_404(kind, pk)
    value = 1 if request.POST.get("value") == "up" else -1
    _action(request, lambda: services.cast_vote(user=request.user, post=post, value=value))
    return _back(request, post)


@login_required
@require_POST
def comment(request, kind, pk):
    post = _post_or_404(kind, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        _action(
            request,
            lambda: services.post_comment(
                author=request.user, post=post, body=form.cleaned_data["body"]
            ),
        )
    else:
        messages.error(request, _("A comment has at most 600 characters."))
    return _back(request, post)


@login_required
@require_POST
def accept(request, kind, pk):
    answer = _post_or_404("answer", pk)
    _action(request, lambda: services.accept_answer(answer=answer, by=request.user))
    return _back(request, answer)


@login_required
@require_POST
def verify(request, kind, pk):
    answer = _post_or_404("answer", pk)
    verified = request.POST.get("verified", "1") == "1"
    _action(
        request,
        lambda: services.verify_answer(answer=answer, by=request.user, verified=verified),
        done=_("The answer is marked as verified.") if verified else "",
    )
    return _back(request, answer)


@login_required
@require_POST
def follow_question(request, kind, pk):
    question = _post_or_404("question", pk)
    on = request.POST.get("on", "1") == "1"
    services.follow(user=request.user, question=question, on=on)
    messages.success(
        request, _("You follow this question.") if on else _("You no longer follow this question.")
    )
    return _back(request, question)


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
    return _back(request, None) if request.POST.get("next") else redirect("community:questions")


@login_required
@require_POST
def review(request, kind, pk):
    post = _post_or_404(kind, pk)
    approve = request.POST.get("approve") == "1"
    _action(
        request,
        lambda: services.review_post(
            post=post, by=request.user, approve=approve, why=request.POST.get("why", "")
        ),
        done=_("Approved.") if approve else _("Rejected."),
    )
    return _back(request, post)


@login_required
@require_POST
def delete(request, kind, pk):
    post = _post_or_404(kind, pk)
    why = request.POST.get("why", "")
    if request.POST.get("undelete") == "1":
        _action(
            request,
            lambda: services.undelete_post(post=post, by=request.user, why=why),
            done=_("The post is visible again."),
        )
    else:
        _action(
            request,
            lambda: services.delete_post(post=post, by=request.user, why=why),
            done=_("The post is deleted."),
        )
    target = post.question if isinstance(post, Answer) else post
    if isinstance(post, Comment):
        target = post.question or post.answer.question
    return _back(request, target)


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
            original=_original(request),
            merge_answers=request.POST.get("merge") == "1",
        ),
    }
    if action not in calls:
        raise Http404
    _action(request, calls[action], done=_("Done."))
    return _back(request, question)


def _original(request) -> Question:
    form = FlagForm({"reason": "duplicate", "duplicate_of": request.POST.get("original", "")})
    form.is_valid()
    original = form.cleaned_data.get("duplicate_of")
    if original is None:
        raise ValidationError(_("We can't find that question."))
    return original


class FlagView(LoginRequiredMixin, FormView):
    template_name = "community/flag.html"
    form_class = FlagForm

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = _post_or_404(kwargs["kind"], kwargs["pk"])
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
            return self.form_invalid(_with_errors(form, error))
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
            return self.form_invalid(_with_errors(form, error))
        messages.success(
            self.request,
            _("A draft article “%(title)s” is waiting for the editors.") % {"title": article.title},
        )
        return redirect(self.question)


# Moderation screens ---------------------------------------------------------------------------


class ReviewQueueView(LoginRequiredMixin, TemplateView):
    template_name = "community/review_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.moderation.require_can_see_queue(request.user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        from .models import Flag

        flag = get_object_or_404(Flag, pk=request.POST.get("flag"))
        upheld = request.POST.get("upheld") == "1"
        _action(
            request,
            lambda: services.resolve_flag(
                flag=flag, by=request.user, upheld=upheld, why=request.POST.get("why", "")
            ),
            done=_("Flag upheld.") if upheld else _("Flag dismissed."),
        )
        return redirect("community:review")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.review_queue(), **kwargs)


class AuditLogView(LoginRequiredMixin, ListView):
    template_name = "community/audit_log.html"
    context_object_name = "actions"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_moderator(request.user):
            raise PermissionDenied(_("Only moderators and customer service can do this."))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.audit_log()


@login_required
@require_POST
def suspend(request, username):
    member = get_object_or_404(User, username=username)
    try:
        days = max(0, min(int(request.POST.get("days", "0")), 3650))
    except ValueError:
        days = 0
    _action(
        request,
        lambda: services.suspend_member(
            member=member,
            by=request.user,
            days=days,
            why=request.POST.get("why", ""),
            revert=request.POST.get("revert") == "1",
        ),
        done=_("Saved."),
    )
    return redirect(member)


# Notifications -------------------------------------------------------------------------------


class InboxView(LoginRequiredMixin, ListView):
    template_name = "community/inbox.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return selectors.inbox(user=self.request.user)

    def post(self, request, *args, **kwargs):
        services.mark_all_read(user=request.user)
        return redirect("community:inbox")


class NotificationSettingsView(LoginRequiredMixin, FormView):
    template_name = "community/notification_settings.html"
    success_url = reverse_lazy("community:notification_settings")

    def get_form(self, form_class=None):
        from .models import Notification

        current = {k: channels_for(self.request.user, k) for k in Notification.Kind.values}
        return NotificationSettingsForm(self.request.POST or None, current=current)

    def form_valid(self, form):
        services.save_settings(user=self.request.user, choices=form.choices())
        messages.success(self.request, _("Your notification settings are saved."))
        return super().form_valid(form)
