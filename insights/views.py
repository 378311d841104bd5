"""The dashboard in the Wagtail admin, its CSV downloads and the "write an article" action of a
content gap. Thin: the period comes from `forms.PeriodForm`, figures from `selectors`."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community.roles import is_moderator
from support.roles import is_support_staff

from . import presentation, selectors, services
from .forms import GapArticleForm, GapQuestionForm, PeriodForm

VIEW_PERMISSION = "insights.view_dailyfigure"


class InsightsAccessMixin:
    """The shop owner (superuser) and every group given "view daily figure" (editors and
    customer service in the demo) may read the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def period(self) -> tuple[PeriodForm, selectors.Period]:
        form = PeriodForm(self.request.GET or None)
        return form, form.period()


class DashboardView(InsightsAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "insights/dashboard.html"
    page_title = gettext_lazy("Insights")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        form, period = self.period()
        result = selectors.figures(period)
        gaps = selectors.content_gaps(period)
        return super().get_context_data(
            failing=selectors.failing_searches(), gap_questions=selectors.gap_questions(),
            gap_states=selectors.gap_states(gaps),
            can_ask_community=is_moderator(self.request.user),
            read_then_ticket=selectors.read_then_ticket(period),
            products=selectors.product_insights(period),
            form=form, result=result, cards=presentation.summary_cards(result),
            daily_chart=presentation.daily_chart(result),
            daily_rows=presentation.daily_rows(result),
            deflection_chart=presentation.deflection_chart(result),
            deflection_rows=presentation.deflection_rows(result),
            top_queries=selectors.top_queries(period),
            gaps=gaps,
            categories=list(GapArticleForm().fields["category"].queryset),
            query_string=self.request.GET.urlencode(),
            **self.desk_context(period, result),
            **kwargs,
        )

    def desk_context(self, period, result) -> dict:
        """Support over time, the survey weeks and comments, top helpers and escalations
        (three queries: topic names, survey comments, the ledger)."""
        over_time = selectors.tickets_over_time(result, selectors.topic_names())
        return {
            "tickets_over_time": over_time,
            "source_chart": presentation.lines_chart(over_time, "by_source"),
            "source_rows": presentation.lines_rows(over_time, "by_source"),
            "topic_chart": presentation.lines_chart(over_time, "by_topic"),
            "topic_rows": presentation.lines_rows(over_time, "by_topic"),
            "survey_weeks": selectors.survey_weeks(result),
            "survey_comments": selectors.survey_comments(period),
            "can_open_tickets": is_support_staff(self.request.user),  # the ticket page's check
            "top_helpers": selectors.top_helpers(period),
            "escalations": presentation.figure_card(result, "escalations"),
        }


class CsvView(InsightsAccessMixin, View):
    """One table of the dashboard as CSV (see `presentation.csv_tables` for the names)."""

    def get(self, request, table: str):
        _form, period = self.period()
        tables = presentation.csv_tables(period)
        if table not in tables:
            raise Http404
        header, rows = tables[table]()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"vraagbaak-{table}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows([_cell(value) for value in row] for row in rows)
        return response


def _cell(value):
    """Shoppers' own text (queries, survey comments) must not run as a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class GapArticleView(InsightsAccessMixin, View):
    """"Schrijf een artikel": a KB draft titled after the query, with the shoppers' phrasings,
    in the chosen category and the editors' workflow; then the page editor opens."""

    def post(self, request):
        form = GapArticleForm(request.POST)
        _period_form, period = self.period()
        if not form.is_valid():
            messages.error(request, _("Choose a category for the new article."))
            return redirect(f"{reverse('insights_dashboard')}?{request.GET.urlencode()}")
        gap = selectors.content_gap(period, language=form.cleaned_data["language"],
                                    normalised=form.cleaned_data["normalised"])
        if gap is None:
            messages.error(request, _("Nobody searched for this in the chosen period."))
            return redirect(f"{reverse('insights_dashboard')}?{request.GET.urlencode()}")
        try:
            article = services.draft_article_for_gap(
                gap=gap, category=form.cleaned_data["category"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{reverse('insights_dashboard')}?{request.GET.urlencode()}")
        messages.success(request, _("Draft “%(title)s” created; it is in the editors' workflow.")
                         % {"title": article.title})
        return redirect("wagtailadmin_pages:edit", article.pk)


class GapQuestionView(InsightsAccessMixin, View):
    """"Maak er een communityvraag van": a failing search becomes an open community question
    (moderators only; once per need), then the dashboard shows it."""

    def post(self, request):
        back = f"{reverse('insights_dashboard')}?{request.GET.urlencode()}#insights-failing"
        form = GapQuestionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a search from the list."))
            return redirect(back)
        try:
            gap = services.ask_community_about_gap(by=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
            return redirect(back)
        messages.success(request, _("The community question “%(title)s” is open for answers.")
                         % {"title": gap.question.title})
        return redirect(back)
