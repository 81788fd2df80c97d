"""Reads of the stafettlogg, always within one municipality, by concern: what every page
shares (``common``), the log and its access facts (``log_access``), the log page
(``log_page``), the timeline (``timeline``), Mine logger (``mine``) and the unit leader's
overview (``unit``). The names below are the package's reads for views, tasks and tests."""

from __future__ import annotations

from stafettlogg.selectors.common import (
    CONSENT_SOON_DAYS,
    EVALUATION_SOON_DAYS,
    log_settings,
    parse_id,
    person_known_by_hash,
)
from stafettlogg.selectors.log_access import (
    access_for,
    log_in_municipality,
)
from stafettlogg.selectors.log_page import (
    LOG_PAGE_NEWEST,
    MEASURE_EVALUATIONS_SHOWN,
    TIMELINE_PAGE_SIZE,
    LogContent,
    LogSummary,
    Newest,
    log_content,
    log_summary,
)
from stafettlogg.selectors.mine import (
    MyLog,
    my_logs,
)
from stafettlogg.selectors.timeline import (
    HISTORY_ACTIONS,
    READ_ACTIONS,
    TIMELINE_SECTIONS,
    TimelineItem,
    access_history,
    timeline,
    timeline_rows,
)
from stafettlogg.selectors.unit import (
    UnitLogRow,
    eligible_staff,
    unit_log_overview,
)

__all__ = [
    "CONSENT_SOON_DAYS",
    "EVALUATION_SOON_DAYS",
    "HISTORY_ACTIONS",
    "LOG_PAGE_NEWEST",
    "LogContent",
    "LogSummary",
    "MEASURE_EVALUATIONS_SHOWN",
    "MyLog",
    "Newest",
    "READ_ACTIONS",
    "TIMELINE_PAGE_SIZE",
    "TIMELINE_SECTIONS",
    "TimelineItem",
    "UnitLogRow",
    "access_for",
    "access_history",
    "eligible_staff",
    "log_content",
    "log_in_municipality",
    "log_settings",
    "log_summary",
    "my_logs",
    "parse_id",
    "person_known_by_hash",
    "timeline",
    "timeline_rows",
    "unit_log_overview",
]
