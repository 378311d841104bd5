"""The demo traffic gives every chart a curve and may be seeded again without doubling."""

import pytest

from insights import demo, selectors
from insights.models import DailyFigure
from search.models import SearchLog

pytestmark = pytest.mark.django_db


def test_every_day_has_searches_and_the_gaps_show_up():
    demo.seed_traffic(days=10)
    days = set(DailyFigure.objects.filter(metric="searches").values_list("day", flat=True))
    assert len(days) == 10
    result = selectors.figures(selectors.Period.last_days(10))
    assert result["figures"]["deflections"] > 0
    assert result["figures"]["search_success_rate"] is not None
    period = selectors.Period.last_days(10)
    gaps = {gap.example for gap in selectors.content_gaps(period, threshold=1)}
    assert "storm vertraging" in gaps


def test_seeding_again_adds_nothing():
    demo.seed_traffic(days=3)
    searches = SearchLog.objects.count()
    demo.seed_traffic(days=3)
    assert SearchLog.objects.count() == searches
