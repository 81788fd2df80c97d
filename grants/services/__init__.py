"""Writes of the grant project: one function per change, one transaction, audited."""

from grants.services.project import project_register
from grants.services.review import (
    comment_add,
    comment_answer,
    comment_delete,
    submission_create,
    submission_decide,
    verdict_set,
)

__all__ = [
    "comment_add",
    "comment_answer",
    "comment_delete",
    "project_register",
    "submission_create",
    "submission_decide",
    "verdict_set",
]
