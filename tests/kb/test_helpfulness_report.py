"""The editors' helpfulness report: votes of a date range and a language, page views beside
them, sortable columns, and CSV/XLSX export (Wagtail's ReportView with django-filter)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from kb import page_views
from kb.models import HomePage, PageFeedback, PageViewDay
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/helpfulness/"


@pytest.fixture
def pages(home_pages):
    category = factories.category(title="Retourneren", slug="retourneren")
    english_home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
    english = factories.category(english_home, title="Returns", slug="returns")
    return {
        "label": factories.article(category, title="Retourlabel printen", slug="label"),
        "refund": factories.article(category, title="Geld terug", slug="geld-terug"),
        "english": factories.article(english, title="Print a return label", slug="label"),
    }


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def vote(page, helpful, days_ago=0):
    Client().post(f"/nl/feedback/{page.pk}/", {"helpful": helpful, "next": page.url})
    if days_ago:
        latest = PageFeedback.objects.filter(page=page).latest("pk")
        PageFeedback.objects.filter(pk=latest.pk).update(
            updated_at=timezone.now() - timedelta(days=days_ago))


def titles_in_order(html: str, titles) -> list[str]:
    found = [(html.find(f">{title}</a>"), title) for title in titles]
    return [title for position, title in sorted(found) if position >= 0]


class TestFilters:
    def test_only_votes_of_the_chosen_days_count(self, editor, pages):
        vote(pages["label"], "no", days_ago=40)
        vote(pages["label"], "yes", days_ago=2)
        vote(pages["refund"], "no", days_ago=40)
        since = (timezone.localdate() - timedelta(days=7)).isoformat()
        html = editor.get(REPORT, {"updated_at_from": since}).content.decode()
        assert "Retourlabel printen" in html and "100%" in html
        assert "Geld terug" not in html

    def test_only_pages_of_the_chosen_language(self, editor, pages):
        vote(pages["label"], "no")
        vote(pages["english"], "no")
        html = editor.get(REPORT, {"language": "en"}).content.decode()
        assert "Print a return label" in html and "Retourlabel printen" not in html
        html = editor.get(REPORT).content.decode()
        assert "Print a return label" in html and "Retourlabel printen" in html


class TestPageViews:
    def test_the_feedback_box_counts_each_visitor_once_a_day(self, client, pages):
        page = pages["label"]
        html = client.get(page.url).content.decode()
        pixel = f"/nl/seen/{page.pk}.gif"
        assert f'src="{pixel}"' in html
        for _ in range(3):
            response = client.get(pixel)
            assert response["Content-Type"] == "image/gif"
            assert response["Cache-Control"] == "no-store"
        assert PageViewDay.objects.get(page=page).views == 1

    def test_a_draft_is_not_counted(self, client, pages):
        draft = factories.article(pages["label"].get_parent(), title="Concept", slug="concept",
                                  live=False)
        client.get(f"/nl/seen/{draft.pk}.gif")
        assert not PageViewDay.objects.exists()

    def test_the_report_shows_views_of_the_chosen_days(self, editor, pages):
        page = pages["label"]
        today = timezone.localdate()
        for n in range(4):
            page_views.count_view(page_id=page.pk, visitor=f"v{n}")
        page_views.count_view(page_id=page.pk, visitor="old", today=today - timedelta(days=30))
        vote(page, "no")
        html = editor.get(REPORT).content.decode()
        assert "<td>5</td>" in html
        since = (today - timedelta(days=7)).isoformat()
        html = editor.get(REPORT, {"updated_at_from": since}).content.decode()
        assert "<td>4</td>" in html and "<td>5</td>" not in html

    def test_an_faq_entry_does_not_show_its_pages_views_as_its_own(self, editor, pages):
        faq = factories.faq_page(pages["label"].get_parent())
        for n in range(3):
            page_views.count_view(page_id=faq.pk, visitor=f"v{n}")
        anchor = faq.questions[0]["anchor"]
        Client().post(f"/nl/feedback/{faq.pk}/", {"helpful": "no", "entry": anchor,
                                                   "next": faq.url})
        vote(faq, "yes")
        html = editor.get(REPORT).content.decode()
        assert html.count("<td>3</td>") == 1  # the page's row, not the entry's
        response = editor.get(REPORT, {"export": "csv"})
        body = b"".join(response.streaming_content).decode()
        lines = [line for line in body.splitlines() if line.startswith("Veelgestelde vragen")]
        assert sorted(lines) == sorted([f"Veelgestelde vragen,{anchor},nl,,1,0,1,0.0",
                                        "Veelgestelde vragen,,nl,3,1,1,0,1.0"])


class TestSorting:
    def test_least_helpful_first_then_by_any_column(self, editor, pages):
        vote(pages["label"], "no")
        for helpful in ("yes", "yes", "no"):
            vote(pages["refund"], helpful)
        both = ["Retourlabel printen", "Geld terug"]
        assert titles_in_order(editor.get(REPORT).content.decode(), both) == both
        by_votes = editor.get(REPORT, {"ordering": "-votes"}).content.decode()
        assert titles_in_order(by_votes, both) == ["Geld terug", "Retourlabel printen"]
        by_title = editor.get(REPORT, {"ordering": "page__title"}).content.decode()
        assert titles_in_order(by_title, both) == ["Geld terug", "Retourlabel printen"]
        assert 'aria-sort="ascending"' in by_title

    def test_an_unknown_ordering_falls_back_to_least_helpful(self, editor, pages):
        vote(pages["label"], "no")
        assert editor.get(REPORT, {"ordering": "visitor_key"}).status_code == 200


class TestExport:
    def test_xlsx_has_a_row_per_page_with_views(self, editor, pages):
        page_views.count_view(page_id=pages["label"].pk, visitor="a")
        vote(pages["label"], "no")
        response = editor.get(REPORT, {"export": "xlsx"})
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                                  if response.streaming else response.content))
        rows = list(sheet.active.values)
        assert rows[0][:5] == ("Pagina", "Vraag uit de FAQ", "Taal", "Paginaweergaven",
                               "Stemmen")
        assert rows[1][:5] == ("Retourlabel printen", None, "nl", 1, 1)

    def test_csv_respects_the_filters(self, editor, pages):
        vote(pages["label"], "no")
        vote(pages["english"], "no")
        response = editor.get(REPORT, {"export": "csv", "language": "en"})
        body = b"".join(response.streaming_content).decode() if response.streaming else (
            response.content.decode())
        assert "Print a return label" in body and "Retourlabel printen" not in body
