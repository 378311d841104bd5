"""The editors' "Helpfulness" report: feedback per page (and FAQ entry), least helpful first."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import PageFeedback

COMMENTS_PER_ROW = 5


class HelpfulnessReportView(ReportView):
    """One row per page or FAQ entry with votes, yes, no and share of yes (lowest first), the
    reasons given and the newest comments. Editors who can change pages may see it.

    Costs three queries per screen: the aggregate, the page's comments and their pages' URLs
    come from the rows themselves."""

    page_title = _("Helpfulness")
    header_icon = "help"
    results_template_name = "kb/reports/helpfulness_results.html"
    index_url_name = "kb_helpfulness_report"
    index_results_url_name = "kb_helpfulness_report_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 50
    list_export = ["page__title", "entry", "votes", "yes", "no", "score"]
    export_headings = {
        "page__title": _("Page"),
        "entry": _("FAQ entry"),
        "votes": _("Votes"),
        "yes": _("Yes"),
        "no": _("No"),
        "score": _("Share helpful"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return PageFeedback.objects.helpfulness()

    def decorate_paginated_queryset(self, rows):
        rows = list(rows)
        page_ids = {row["page_id"] for row in rows}
        details = (
            PageFeedback.objects.filter(page_id__in=page_ids, helpful=False)
            .exclude(reason="", comment="")
            .order_by("-updated_at")
        )
        by_row = {}
        for item in details:
            by_row.setdefault((item.page_id, item.entry), []).append(item)
        for row in rows:
            found = by_row.get((row["page_id"], row["entry"]), [])
            row["reasons"] = _count_reasons(found)
            row["comments"] = [item for item in found if item.comment][:COMMENTS_PER_ROW]
            row["percentage"] = round(row["score"] * 100)
        return rows


def _count_reasons(items) -> list[tuple[str, int]]:
    counts = {}
    for item in items:
        if item.reason:
            label = item.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])
