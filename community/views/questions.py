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
from ..models import Answer, CloseVote, Question
from ..services.posts import PersonalDataFound
from ._shared import (
    PUBLISH_MASKED,
    form_with_errors,
    live_article,
    personal_data_notice,
    post_or_404,
    question_or_404,
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
        context = super().get_context_data(**kwargs)
        return context | dict(
            flairs=selectors.flairs(q.author_id for q in context["object_list"]),
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
        return {**super().get_form_kwargs(), "language": get_language(), "user": self.request.user}

    def get_initial(self):
        initial = {"title": self.request.GET.get("title", "")[:150]}
        if slug := self.request.GET.get("product", "")[:100]:
            # "Ask a question about this product" on a product page preselects it.
            product = Product.objects.filter(slug=slug, locale__language_code=get_language())
            initial["product"] = product.values_list("pk", flat=True).first()
        return initial

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
                pii_confirmed=PUBLISH_MASKED in self.request.POST,
                form_token=data["form_token"],
            )
        except PersonalDataFound as found:
            notice = personal_data_notice(found, offer_private=True)
            return self.render_to_response(self.get_context_data(form=form, pii_notice=notice))
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        form.discard_pending_image()
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
    pii_notice = None

    def get(self, request, *args, **kwargs):
        self.page = selectors.question_page(pk=kwargs["pk"], viewer=request.user)
        question = self.page.question
        if kwargs.get("slug") != question.slug or question.locale != get_language():
            return HttpResponseRedirect(question.get_absolute_url(), status=301)
        Question.objects.filter(pk=question.pk).update(view_count=F("view_count") + 1)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        question = self.page.question
        user = self.request.user
        can = selectors.abilities(user)
        return super().get_context_data(
            page_data=self.page,
            question=question,
            answers=self.page.answers,
            flairs=self.page.flairs,
            close_round=(
                selectors.close_round(question, viewer=user) if can["close_vote"].allowed else None
            ),
            close_reasons=CloseVote.Reason.choices,
            can=can,
            is_asker=user.is_authenticated and user.pk == question.author_id,
            answer_form=self.answer_form or AnswerForm(),
            pii_notice=self.pii_notice,
            comment_form=CommentForm(),
            canonical=self.request.build_absolute_uri(question.get_absolute_url()),
            kb_article=live_article(question),
            **kwargs,
        )


def question_redirect(request, pk):
    question = question_or_404(request.user, pk)
    return HttpResponseRedirect(question.get_absolute_url(), status=301)


class AnswerView(LoginRequiredMixin, QuestionView):
    """POST an answer; on errors the question page re-renders with the text intact. The
    question is looked up before the login check: a hidden one is a 404 for everyone."""

    def dispatch(self, request, *args, **kwargs):
        self.question = question_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        question = self.question
        form = AnswerForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                answer = services.post_answer(
                    author=request.user,
                    question=question,
                    body=form.cleaned_data["body"],
                    images=form.cleaned_data["image"],
                    pii_confirmed=PUBLISH_MASKED in request.POST,
                )
            except PersonalDataFound as found:
                # Answers have no private route: the member edits the text or posts it masked.
                self.pii_notice = personal_data_notice(found, offer_private=False)
            except (ValidationError, PermissionDenied) as error:
                form_with_errors(form, error)
            else:
                form.discard_pending_image()
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
        # The personal-data notice is a question to the member, not an error in the input.
        return self.render_to_response(self.get_context_data(),
                                       status=200 if self.pii_notice else 400)

    def get(self, request, *args, **kwargs):
        return redirect("community:question_short", pk=kwargs["pk"])


class EditPostMixin(LoginRequiredMixin):
    """Edit a post directly (author, moderators, EDIT_WITHOUT_REVIEW) or, with only
    EDIT_OTHERS_REVIEWED, suggest the edit for review: the same form either way."""

    template_name = "community/edit.html"
    model = None

    def dispatch(self, request, *args, **kwargs):
        kind = "question" if self.model is Question else "answer"
        self.post_obj = post_or_404(kind, kwargs["pk"], request.user)
        user = request.user
        self.suggesting = user.is_authenticated and not services.can_edit(user, self.post_obj)
        if self.suggesting and not services.can_suggest_edit(user, self.post_obj):
            raise PermissionDenied(_("You need more reputation to edit other members' posts."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_obj, suggesting=self.suggesting, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        extra = {}
        if isinstance(self.post_obj, Question):
            extra = {"title": data["title"], "tags": data["tags"]}
        if self.suggesting:
            return self._suggest(form, data["body"], data["summary"], extra)
        try:
            services.edit_post(
                post=self.post_obj,
                by=self.request.user,
                body=data["body"],
                summary=data["summary"],
                pii_confirmed=PUBLISH_MASKED in self.request.POST,
                **extra,
            )
        except PersonalDataFound as found:
            notice = personal_data_notice(found, offer_private=False)
            return self.render_to_response(self.get_context_data(form=form, pii_notice=notice))
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        messages.success(self.request, _("Your edit is saved."))
        return redirect(self.post_obj.get_absolute_url())

    def _suggest(self, form, body, summary, extra):
        try:
            services.suggest_edit(
                post=self.post_obj, by=self.request.user, body=body, summary=summary, **extra
            )
        except (ValidationError, PermissionDenied) as error:
            return self.form_invalid(form_with_errors(form, error))
        messages.success(
            self.request,
            _("Thanks! Your suggested edit waits for review by an experienced member."),
        )
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
    post = post_or_404(kind, pk, request.user, kinds=("question", "answer"))
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
