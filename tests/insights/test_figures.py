"""Every dashboard figure on a small known data set, with its exact value; the roll-up gives the
same numbers as the raw logs and may run again without changing them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from community.models import Answer, Question
from insights import selectors, services
from insights.models import DailyFigure, InsightsSettings, QueryDay
from kb.models import PageFeedback
from search import services as search_services
from search.models import Deflection, SearchLog, SuggestionLog
from tests.community.factories import answer, ask

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def backdate(queryset, moment):
    queryset.update(created_at=moment)


def search(query, *, day, visitor="v1", results=3, click=False, language="nl"):
    row = search_services.log_search(query=query, language=language, result_count=results,
                                     took_ms=5, visitor=visitor)
    if click:
        search_services.record_click(search=row, position=1, url="/nl/a/")
    backdate(SearchLog.objects.filter(pk=row.pk), at(day))
    return row


def suggestions(query, *, day, context, visitor, posted=False, confirmed=False):
    row = search_services.log_suggestions(query=query, language="nl", context=context, shown=5,
                                          visitor=visitor)
    if posted:
        search_services.record_form_posted(suggestion=row)
    if confirmed:
        search_services.confirm_deflection(suggestion=row, document="page:1", url="/nl/a/")
        backdate(Deflection.objects.filter(suggestion=row), at(day))
    backdate(SuggestionLog.objects.filter(pk=row.pk), at(day))
    return row


@pytest.fixture
def week():
    """Seven days of traffic ending on TODAY, and one day in the week before."""
    day = TODAY - dt.timedelta(days=1)
    search("retourlabel kwijt", day=day, visitor="v1", click=True)
    search("Retourlabels kwijt", day=day, visitor="v2")
    search("storm", day=day, visitor="v3", results=0)
    search("storm", day=TODAY, visitor="v4", results=0)
    first = search("betalen", day=TODAY, visitor="v1")
    refined = search("betalen ideal", day=TODAY, visitor="v1", click=True)
    SearchLog.objects.filter(pk=refined.pk).update(refined_from=first)
    suggestions("pakket kwijt", day=TODAY, context="ask", visitor="v5", confirmed=True)
    suggestions("pakket weg", day=TODAY, context="ask", visitor="v6", posted=True)
    suggestions("factuur", day=TODAY, context="contact", visitor="v7")
    search("storm", day=TODAY - dt.timedelta(days=8), visitor="v9", results=0)
    return day


def roll_up():
    services.roll_up_range(TODAY - dt.timedelta(days=13), TODAY)


class TestRollUp:
    def test_daily_rows_hold_what_the_raw_logs_say(self, week):
        roll_up()
        today = {(f.metric, f.dimension): f.value for f in DailyFigure.objects.filter(day=TODAY)}
        assert today[("searches", "nl")] == 3
        assert today[("searches_clicked", "nl")] == 1
        assert today[("searches_zero", "nl")] == 1
        assert today[("searches_refined", "nl")] == 1
        assert today[("suggestion_sessions", "ask")] == 2
        assert today[("suggestion_sessions_posted", "ask")] == 1
        assert today[("deflections", "confirmed:ask")] == 1
        # v1 and v4 searched, v5, v6 and v7 saw suggestions.
        assert today[("visitors", "")] == 5

    def test_rolling_up_again_changes_nothing(self, week):
        roll_up()
        before = sorted(DailyFigure.objects.values_list("day", "metric", "dimension", "value"))
        roll_up()
        after = sorted(DailyFigure.objects.values_list("day", "metric", "dimension", "value"))
        assert before == after

    def test_the_period_totals_equal_counts_over_the_raw_logs(self, week):
        roll_up()
        period = selectors.Period.last_days(7, today=TODAY)
        raw = SearchLog.objects.filter(created_at__gte=at(period.first, 0))
        figures = selectors.figures(period)["figures"]
        assert figures["searches"] == raw.count() == 6
        assert figures["zero_result_rate"] == pytest.approx(
            raw.filter(result_count=0).count() / raw.count()
        )

    def test_phrasings_of_one_need_group_under_one_normalised_form(self, week):
        roll_up()
        row = QueryDay.objects.get(day=TODAY - dt.timedelta(days=1), normalised="kwijt retourlabel")
        assert (row.searches, row.clicked) == (2, 1)
        assert set(row.phrasings) == {"retourlabel kwijt", "retourlabels kwijt"}


class TestFigures:
    def test_search_health(self, week):
        roll_up()
        figures = selectors.figures(selectors.Period.last_days(7, today=TODAY))["figures"]
        assert figures["searches"] == 6
        assert figures["search_success_rate"] == pytest.approx(2 / 6)
        assert figures["zero_result_rate"] == pytest.approx(2 / 6)
        assert figures["refinement_rate"] == pytest.approx(1 / 6)

    def test_deflection_rates_and_saving(self, week):
        settings = InsightsSettings.load()
        settings.cost_per_contact = Decimal("7.50")
        settings.save()
        roll_up()
        result = selectors.figures(selectors.Period.last_days(7, today=TODAY))
        figures = result["figures"]
        assert figures["ask_deflection_rate"] == pytest.approx(1 / 2)
        assert figures["contact_deflection_rate"] == pytest.approx(1.0)
        assert figures["confirmed_deflections"] == 1
        assert figures["cost_saved"] == Decimal("7.50")
        assert result["deflections_by_context"]["ask"] == {"confirmed": 1, "implicit": 0}

    def test_comparison_with_the_previous_period(self, week):
        roll_up()
        result = selectors.figures(selectors.Period.last_days(7, today=TODAY))
        assert result["previous"]["searches"] == 1
        assert result["changes"]["searches"] == pytest.approx(5.0)  # 1 -> 6 searches

    def test_the_series_has_one_value_per_day(self, week):
        roll_up()
        result = selectors.figures(selectors.Period.last_days(7, today=TODAY))
        assert len(result["series"]["searches"]) == 7
        assert result["series"]["searches"][-2:] == [3.0, 3.0]

    def test_self_service_score_needs_ticket_visitors(self, week):
        roll_up()
        figures = selectors.figures(selectors.Period.last_days(7, today=TODAY))["figures"]
        assert figures["self_service_score"] is None  # no tickets yet: no score, not infinity
        DailyFigure.objects.create(day=TODAY, metric="ticket_visitors", value=2)
        figures = selectors.figures(selectors.Period.last_days(7, today=TODAY))["figures"]
        assert figures["self_service_score"] == pytest.approx(figures["visitors"] / 2)

    def test_article_feedback(self, home_pages):
        for n, helpful in enumerate([True, True, False]):
            PageFeedback.objects.create(page=home_pages["nl"] if isinstance(home_pages, dict)
                                        else home_pages, visitor_key=f"k{n}", helpful=helpful)
        PageFeedback.objects.update(updated_at=at(TODAY))
        roll_up()
        figures = selectors.figures(selectors.Period.last_days(7, today=TODAY))["figures"]
        assert (figures["feedback_yes"], figures["feedback_no"]) == (2, 1)
        assert figures["helpful_rate"] == pytest.approx(2 / 3)


class TestCommunityFigures:
    def test_answered_within_a_day_and_median_first_answer(self, settings):
        settings.COMMUNITY_FIRST_POSTS_REVIEWED = 0
        quick, slow, never = (ask(title=f"Vraag nummer {n} over mijn pakket") for n in range(3))
        for question, delay in ((quick, 2), (slow, 30)):
            reply = answer(question)
            answered_at = at(TODAY) + dt.timedelta(hours=delay)
            Answer.objects.filter(pk=reply.pk).update(created_at=answered_at)
        Question.objects.update(created_at=at(TODAY))
        roll_up()
        figures = selectors.figures(selectors.Period.last_days(7, today=TODAY))["figures"]
        assert figures["questions"] == 3
        assert figures["answered_24h_rate"] == pytest.approx(1 / 3)
        assert figures["median_first_answer"] == "48"  # the middle question: 30 h, within 48 h
        assert never.answers.count() == 0


class TestContentGaps:
    def test_failing_queries_become_gaps_with_their_phrasings(self, week):
        roll_up()
        [gap] = selectors.content_gaps(selectors.Period.last_days(7, today=TODAY), threshold=2)
        assert (gap.normalised, gap.searches, gap.zero_results, gap.failed) == ("storm", 2, 2, 2)
        assert gap.previous_searches == 1
        assert gap.trend == pytest.approx(1.0)
        assert gap.phrasings == ["storm"]

    def test_a_query_that_usually_finds_its_answer_is_no_gap(self, week):
        for visitor in ("a", "b", "c"):
            search("retourlabel kwijt", day=TODAY, visitor=visitor, click=True)
        roll_up()
        gaps = selectors.content_gaps(selectors.Period.last_days(7, today=TODAY), threshold=1)
        assert "kwijt retourlabel" not in {gap.normalised for gap in gaps}

    def test_the_threshold_comes_from_the_settings(self, week):
        roll_up()
        assert selectors.content_gaps(selectors.Period.last_days(7, today=TODAY)) == []

    def test_top_queries_most_searched_first(self, week):
        roll_up()
        top = selectors.top_queries(selectors.Period.last_days(7, today=TODAY))
        assert [(q.normalised, q.searches) for q in top[:2]] == [
            ("kwijt retourlabel", 2), ("storm", 2)
        ]


class TestPeriod:
    def test_previous_period_has_the_same_length_and_ends_the_day_before(self):
        period = selectors.Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert period.previous() == selectors.Period(dt.date(2026, 10, 2), dt.date(2026, 10, 31))

    def test_median_bucket(self):
        assert selectors.median_bucket({"1": 1, "4": 1, "none": 1}) == "4"
        assert selectors.median_bucket({}) is None
