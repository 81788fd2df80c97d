"""Writes of the grant project: one function per change, one transaction, audited."""

from grants.services.project import project_register

__all__ = ["project_register"]
