"""Reads of the grant project, each scoped to one municipality (or, for the advisers'
overview, to the municipalities in the adviser's care)."""

from grants.selectors.project import project_of

__all__ = ["project_of"]
