"""Writes of the insights app, by subject: `rollup` (raw logs into daily rows), `gaps`
(a failing search becomes a community question, and closes), `retention` (raw logs deleted
once rolled up)."""

from .gaps import ask_community_about_gap, close_found_gaps  # noqa: F401, E402
from .retention import (  # noqa: F401, E402
    purge_rolled_up_logs,
    retention_cutoff,
    safe_purge_before,
)
from .rollup import (  # noqa: F401
    FIRST_ANSWER_BUCKETS,
    MAX_PHRASINGS,
    RECOMPUTE_DAYS,
    day_bounds,
    draft_article_for_gap,
    register_figures,
    roll_up_day,
    roll_up_range,
    roll_up_recent,
)
