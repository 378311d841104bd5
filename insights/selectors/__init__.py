"""Reads for the dashboard, by subject: `figures` (the daily rows and search needs),
`gaps` (failing searches offered to the community), `quality` (articles read before a
ticket), `products` (what shoppers ask about products), `promise` (the live service-promise
figures), `desk` (tickets over time, survey weeks and comments) and `top_helpers` (the
community's most helpful members). Each selector costs a fixed number of queries, whatever
the period or data volume."""

from .desk import (  # noqa: F401, E402
    SurveyComment,
    SurveyWeek,
    survey_comments,
    survey_weeks,
    tickets_over_time,
    topic_names,
)
from .figures import (  # noqa: F401
    CONTEXTS,
    MAX_GAPS,
    PERIODS,
    TOP_QUERIES,
    Period,
    QueryFigure,
    Totals,
    change,
    content_gap,
    content_gaps,
    figures,
    median_bucket,
    ratio,
    top_queries,
)
from .gaps import (  # noqa: F401, E402
    FailingSearch,
    failing_search,
    failing_searches,
    gap_questions,
    gap_states,
)
from .products import product_insights  # noqa: F401, E402
from .promise import community_response, promise_figures  # noqa: F401, E402
from .quality import read_then_ticket  # noqa: F401, E402
from .top_helpers import Helper, top_helpers  # noqa: F401, E402
