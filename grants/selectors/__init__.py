"""Reads of the grant project, each scoped to one municipality (or, for the advisers'
overview, to the municipalities in the adviser's care)."""

from grants.selectors.project import project_of
from grants.selectors.review import (
    Approval,
    RoundView,
    approval_of,
    comment_in,
    page_in,
    round_in,
    round_view,
    rounds_of,
)

__all__ = [
    "Approval",
    "RoundView",
    "approval_of",
    "comment_in",
    "page_in",
    "project_of",
    "round_in",
    "round_view",
    "rounds_of",
]
