"""Question lists, the question page, asking, answering, editing and history."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from kb.models import Product

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AskForm,
    CommentForm,
    EditAnswerForm,
    EditQuestionForm,
)
from ..models import Answer, Question
from ._shared import (
    POST_MODELS,
    form_with_errors,
    live_article,
    visible_or_404_http,
)


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
            keep_query=urlencode(keep),
            page_query=urlencode({k: v for k, v in filters.items() if v}),
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
        product = get_object_or_404(
            Product, slug=self.kwargs["product"], locale__language_code=get_language()
        )
        context = super().get_context_data(product=product, **kwargs)
        context["heading"] = _("Questions about %(product)s") % {"product": product.name}
        context["follow_target"] = ("product", product.slug)
        return context


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
            return self.form_invalid(form_with_errors(form, error))
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
            kb_article=live_article(question),
            **kwargs,
        )


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
                form_with_errors(form, error)
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
            return self.form_invalid(form_with_errors(form, error))
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
