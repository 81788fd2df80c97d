"""The grant scheme's rules for a project's timeline (seed 004, and seed 002 §2.5.2: hand over
to ordinary operation six months before the project ends)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from grants.models import MilestoneKind


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` ahead, on the same day of the month or the month's last."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class MilestoneRule:
    kind: str
    months_after_decision: int


# In the order they fall. The model must be finished at the latest 12 months after the
# decision; the project ends 24 months after it.
MILESTONE_RULES = (
    MilestoneRule(MilestoneKind.STARTUP_MEETING, 2),
    MilestoneRule(MilestoneKind.MODEL_SUBMITTED, 12),
    MilestoneRule(MilestoneKind.BUFDIR_APPROVAL, 13),
    MilestoneRule(MilestoneKind.IMPLEMENTATION, 17),
    MilestoneRule(MilestoneKind.HANDOVER, 18),
    MilestoneRule(MilestoneKind.FINAL_REPORT, 24),
)


def milestone_due(decision_date: datetime.date, rule: MilestoneRule) -> datetime.date:
    return add_months(decision_date, rule.months_after_decision)
