"""Who may do what in a municipality's grant project: one place, asked by every view.

- The municipality's project leader (BTS-koordinator, ``StaffRole.PROJECT_LEADER``) edits the
  project, sends the model to Bufdir and answers the reviewer's comments.
- The municipality's editors, approvers and administrator read the project and the rounds.
- Bufdir's adviser reads every municipality's project and rounds, comments and decides.
- A KORUS adviser reads those of the municipalities in their region, and nothing else.
- No one here gets any access to a stafettlogg or to editing a model (those are decided by
  ``stafettlogg.access`` and the Wagtail permissions, which know nothing of these roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from accounts.models import StaffRole
from accounts.selectors import NationalRoles, national_roles, staff_roles
from municipalities.models import Municipality


class GrantAction(StrEnum):
    VIEW_PROJECT = "view_project"
    EDIT_PROJECT = "edit_project"
    SUBMIT_MODEL = "submit_model"
    ANSWER_COMMENTS = "answer_comments"
    VIEW_SUBMISSION = "view_submission"
    COMMENT = "comment"
    DECIDE = "decide"


MUNICIPAL_WRITE = frozenset(
    {GrantAction.EDIT_PROJECT, GrantAction.SUBMIT_MODEL, GrantAction.ANSWER_COMMENTS}
)
READ = frozenset({GrantAction.VIEW_PROJECT, GrantAction.VIEW_SUBMISSION})
REVIEW = frozenset({GrantAction.COMMENT, GrantAction.DECIDE})


@dataclass(frozen=True)
class GrantAccess:
    actions: frozenset[str]
    role: str  # for the audit trail: project_leader, municipal, bufdir, korus or none

    def can(self, action: str) -> bool:
        return action in self.actions


NO_ACCESS = GrantAccess(frozenset(), "none")


def _municipal_reader(municipality: Municipality, user: Any) -> bool:
    group_ids = {municipality.editors_id, municipality.approvers_id}
    return user.groups.filter(pk__in=group_ids).exists()


def access_for(
    user: Any, municipality: Municipality, national: NationalRoles | None = None
) -> GrantAccess:
    """What ``user`` may do in ``municipality``'s grant project (``national``: the user's
    national roles when the caller has read them already, as the overview does)."""
    if not getattr(user, "is_authenticated", False):
        return NO_ACCESS
    national = national if national is not None else national_roles(user)
    if national.bufdir:
        return GrantAccess(READ | REVIEW, "bufdir")
    if municipality.korus_region and municipality.korus_region in national.korus_regions:
        return GrantAccess(READ, "korus")
    if user.is_superuser:
        return GrantAccess(READ, "national_admin")
    roles = staff_roles(municipality, user)
    if StaffRole.PROJECT_LEADER in roles:
        return GrantAccess(READ | MUNICIPAL_WRITE, "project_leader")
    if StaffRole.ADMIN in roles or _municipal_reader(municipality, user):
        return GrantAccess(READ, "municipal")
    return NO_ACCESS


def can(user: Any, action: str, municipality: Municipality) -> bool:
    """May ``user`` do ``action`` in ``municipality``'s grant project?"""
    return access_for(user, municipality).can(action)
