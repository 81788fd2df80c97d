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

from django.db.models import Exists, OuterRef, Q

from accounts.models import NationalRole, StaffMembership, StaffRole
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


def municipal_project_access(user: Any) -> list[tuple[Municipality, GrantAccess]]:
    """The municipalities whose grant project ``user`` reaches as one of the municipality's
    own (project leader, administrator, editor, approver), with what they may do there, in one
    query: the admin's menu and dashboard ask on every page. The municipalities come with their
    ``grant_project`` (or None). Agrees with ``access_for`` (tested); users with a national
    role, who the admin does not serve, get ``access_for`` itself, municipality by
    municipality; national administrators (superusers) get nothing here."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return []
    memberships = StaffMembership.objects.filter(municipality=OuterRef("pk"), user=user)
    rows = list(
        Municipality.objects.filter(
            Q(editors__user=user)
            | Q(approvers__user=user)
            | Q(log_memberships__user=user, log_memberships__role=StaffRole.ADMIN)
            | Q(log_memberships__user=user, log_memberships__role=StaffRole.PROJECT_LEADER)
        )
        .annotate(
            is_project_leader=Exists(memberships.filter(role=StaffRole.PROJECT_LEADER)),
            has_national_role=Exists(NationalRole.objects.filter(user=user)),
        )
        .select_related("grant_project")
        .distinct()
        .order_by("name")
    )
    found: list[tuple[Municipality, GrantAccess]] = []
    for municipality in rows:
        if municipality.has_national_role:  # type: ignore[attr-defined]
            access = access_for(user, municipality)
        elif municipality.is_project_leader:  # type: ignore[attr-defined]
            access = GrantAccess(READ | MUNICIPAL_WRITE, "project_leader")
        else:
            access = GrantAccess(READ, "municipal")
        if access.can(GrantAction.VIEW_PROJECT):
            found.append((municipality, access))
    return found
