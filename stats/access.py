"""Who may do what with the municipality's statistics: one place, asked by every view.

- Every member of staff of the municipality (any ``StaffMembership`` there) may register
  anonymously that they handled a concern.
- The municipality's leaders (``StaffRole.LEADER``: kommunalsjef, rådmann) and its project
  leader (BTS-koordinator) read the statistics. Both are roles of the whole municipality that
  give no access to any log (``stafettlogg.access`` knows only participants and the family).
- No one reads a single registration: the statistics show counts, small ones suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from accounts.models import StaffRole
from accounts.selectors import staff_roles
from municipalities.models import Municipality


class StatsAction(StrEnum):
    REGISTER = "register"
    VIEW_STATISTICS = "view_statistics"


STATISTICS_READERS = frozenset({StaffRole.LEADER, StaffRole.PROJECT_LEADER})


@dataclass(frozen=True)
class StatsAccess:
    actions: frozenset[str]
    roles: frozenset[str]

    def can(self, action: str) -> bool:
        return action in self.actions


def access_for(user: Any, municipality: Municipality) -> StatsAccess:
    """What ``user`` may do with ``municipality``'s statistics (one query)."""
    if not getattr(user, "is_authenticated", False):
        return StatsAccess(frozenset(), frozenset())
    roles = frozenset(staff_roles(municipality, user))
    actions = set()
    if roles:
        actions.add(StatsAction.REGISTER)
    if roles & STATISTICS_READERS:
        actions.add(StatsAction.VIEW_STATISTICS)
    return StatsAccess(frozenset(actions), roles)
