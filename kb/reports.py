"""The editors' "Helpfulness" report: feedback per page (and FAQ entry), least helpful first,
for a date range and a language, with page views, sorting and spreadsheet export."""

from datetime import date, datetime

import django_filters
from django.conf import settings
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import PageFeedback, PageViewDay

COMMENTS_PER_ROW = 5
# ?ordering= values the column headers offer; the first is the default.
ORDERINGS = {
    "score": ("score", "-votes", "page__title", "entry"),
    "-score": ("-score", "-votes", "page__title", "entry"),
    "votes": ("votes", "page__title", "entry"),
    "-votes": ("-votes", "page__title", "entry"),
    "no": ("no", "page__title", "entry"),
    "-no": ("-no", "page__title", "entry"),
    "views": ("views", "page__title", "entry"),
    "-views": ("-views", "page__title", "entry"),
    "page__title": ("page__title", "entry"),
    "-page__title": ("-page__title", "-entry"),
}


class HelpfulnessFilterSet(WagtailFilterSet):
    updated_at = django_filters.DateFromToRangeFilter(
        label=_("Voted between"), widget=DateRangePickerWidget
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="page__locale__language_code",
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        empty_label=_("All languages"),
    )

    class Meta:
        model = PageFeedback
        fields = ["updated_at", "language"]


class HelpfulnessReportView(ReportView):
    """One row per page or FAQ entry with views, votes, yes, no and share of yes (lowest first
    unless sorted otherwise), the reasons given and the newest comments, for the votes of the
    chosen days and language. Editors who can change pages may see it.

    Costs three queries per screen: the aggregate (views come from a subquery), the page's
    comments and their pages' URLs come from the rows themselves."""

    page_title = _("Helpfulness")
    header_icon = "help"
    results_template_name = "kb/reports/helpfulness_results.html"
    index_url_name = "kb_helpfulness_report"
    index_results_url_name = "kb_helpfulness_report_results"
    any_permission_required = ["add", "change", "publish"]
    filterset_class = HelpfulnessFilterSet
    default_ordering = "score"
    paginate_by = 50
    list_export = ["page__title", "entry", "language", "views", "votes", "yes", "no", "score"]
    export_headings = {
        "page__title": _("Page"),
        "entry": _("FAQ entry"),
        "language": _("Language"),
        "views": _("Page views"),
        "votes": _("Votes"),
        "yes": _("Yes"),
        "no": _("No"),
        "score": _("Share helpful"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return PageFeedback.objects.all()

    def get_valid_orderings(self):
        return list(ORDERINGS)

    def get_filtered_queryset(self):
        votes = self.filter_queryset(self.get_queryset())
        return (
            votes.helpfulness()
            .annotate(language=F("page__locale__language_code"), views=self._views())
            .order_by(*ORDERINGS[self.ordering])
        )

    def _views(self):
        start, end = self._days()
        days = PageViewDay.objects.filter(page_id=OuterRef("page_id"))
        if start:
            days = days.filter(day__gte=start)
        if end:
            days = days.filter(day__lte=end)
        total = days.values("page_id").annotate(total=Sum("views")).values("total")
        # Views are counted per page: an FAQ entry's row would only repeat its page's figure
        # as if it were its own, so entries get none.
        return Case(
            When(entry="", then=Coalesce(Subquery(total, output_field=IntegerField()), 0)),
            default=None,
            output_field=IntegerField(),
        )

    def _days(self) -> tuple[date | None, date | None]:
        if not (self.filters and self.filters.is_valid()):
            return None, None
        period = self.filters.form.cleaned_data.get("updated_at")
        if not period:
            return None, None
        return _as_date(period.start), _as_date(period.stop)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        context["sort_links"] = {}
        for key in ("score", "votes", "no", "views", "page__title"):
            descending = self.ordering == key
            query["ordering"] = f"-{key}" if descending else key
            context["sort_links"][key] = {
                "url": "?" + query.urlencode(),
                "state": "ascending" if descending else (
                    "descending" if self.ordering == f"-{key}" else "none"),
            }
        return context

    def decorate_paginated_queryset(self, rows):
        rows = list(rows)
        page_ids = {row["page_id"] for row in rows}
        details = self.filter_queryset(
            PageFeedback.objects.filter(page_id__in=page_ids, helpful=False)
            .exclude(reason="", comment="")
        ).order_by("-updated_at")
        by_row = {}
        for item in details:
            by_row.setdefault((item.page_id, item.entry), []).append(item)
        for row in rows:
            found = by_row.get((row["page_id"], row["entry"]), [])
            row["reasons"] = _count_reasons(found)
            row["comments"] = [item for item in found if item.comment][:COMMENTS_PER_ROW]
            row["percentage"] = round(row["score"] * 100)
        return rows


def _as_date(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _count_reasons(items) -> list[tuple[str, int]]:
    counts = {}
    for item in items:
        if item.reason:
            label = item.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])
