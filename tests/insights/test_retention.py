"""Raw logs past the retention are deleted by the scheduled roll-up job, only once their days
were rolled up; the dashboard still shows the old periods from the daily rows."""

import datetime as dt

import pytest
from django.utils import timezone

from insights import selectors, services, tasks
from insights.models import DailyFigure, RolledUpDay
from kb.models import PageFeedback
from search import services as search_services
from search import tasks as search_tasks
from search.models import Deflection, SearchClick, SearchLog, SuggestionLog

pytestmark = pytest.mark.django_db


def traffic(days_ago, *, visitor):
    moment = timezone.now() - dt.timedelta(days=days_ago)
    row = search_services.log_search(query="storm vertraging", language="nl", result_count=0,
                                     took_ms=3, visitor=visitor)
    clicked = search_services.log_search(query="retourneren", language="nl", result_count=3,
                                         took_ms=3, visitor=visitor)
    search_services.record_click(search=clicked, position=1, url="/nl/retourneren/")
    suggestion = search_services.log_suggestions(query="retour", language="nl",
                                                 context="ask", shown=2, visitor=visitor)
    search_services.confirm_deflection(suggestion=suggestion, document="page:1",
                                       url="/nl/retourneren/")
    SearchLog.objects.filter(pk__in=[row.pk, clicked.pk]).update(created_at=moment)
    SearchClick.objects.filter(search=clicked).update(created_at=moment)
    SuggestionLog.objects.filter(pk=suggestion.pk).update(created_at=moment)
    Deflection.objects.filter(suggestion=suggestion).update(created_at=moment)


def dashboard(today):
    period = selectors.Period(today - dt.timedelta(days=60), today)
    result = selectors.figures(period)
    return (result["figures"], result["series"],
            [(q.normalised, q.searches, q.clicked) for q in selectors.top_queries(period)],
            [(g.normalised, g.failed) for g in selectors.content_gaps(period, threshold=1)])


@pytest.fixture
def retention(settings):
    settings.LOG_RETENTION_DAYS = 30
    traffic(40, visitor="old")
    traffic(5, visitor="recent")


def test_roll_up_then_delete_and_the_figures_stay(retention, home_pages):
    PageFeedback.objects.create(page=home_pages, visitor_key="old", helpful=False)
    PageFeedback.objects.update(updated_at=timezone.now() - dt.timedelta(days=40))
    today = timezone.localdate()
    services.roll_up_range(today - dt.timedelta(days=45), today)
    before = dashboard(today)
    assert before[0]["searches"] == 4 and before[0]["feedback_no"] == 1

    summary = tasks.roll_up()
    # The old day's two searches, their click, the suggestion, the deflection, the vote.
    assert summary["purged"] == 6
    assert SearchLog.objects.count() == 2 and SuggestionLog.objects.count() == 1
    assert not PageFeedback.objects.exists()
    assert dashboard(today) == before
    old_day = timezone.localdate(timezone.now() - dt.timedelta(days=40))
    assert RolledUpDay.objects.get(day=old_day).purged_at is not None
    # Rolling the purged day up again (a back-fill) keeps its figures.
    assert services.roll_up_day(old_day) == 0
    assert dashboard(today) == before
    assert tasks.roll_up()["purged"] == 0


def test_a_day_never_rolled_up_is_rolled_up_before_its_logs_go(retention):
    old_day = timezone.localdate(timezone.now() - dt.timedelta(days=40))
    assert not DailyFigure.objects.filter(day=old_day).exists()
    tasks.roll_up()
    assert not SearchLog.objects.filter(visitor="old").exists()
    assert DailyFigure.objects.get(day=old_day, metric="searches").value == 2


def test_search_purge_waits_for_the_roll_up(retention):
    assert search_tasks.purge_old_logs() == 0  # the old day was never rolled up
    assert SearchLog.objects.filter(visitor="old").count() == 2
    services.roll_up_day(timezone.localdate(timezone.now() - dt.timedelta(days=40)))
    assert search_tasks.purge_old_logs() == 4  # two searches, a click, a suggestion
    assert SearchLog.objects.filter(visitor="recent").count() == 2
