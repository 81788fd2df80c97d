"""Reads about one municipality's project."""

from __future__ import annotations

from grants.models import GrantProject, ProjectMember
from municipalities.models import Municipality


def project_of(municipality: Municipality) -> GrantProject | None:
    return GrantProject.objects.filter(municipality=municipality).first()


def members_of(project: GrantProject) -> list[ProjectMember]:
    return list(ProjectMember.objects.filter(project=project).order_by("group", "name", "pk"))


def member_in(municipality: Municipality, member_id: int) -> ProjectMember | None:
    """One member of ``municipality``'s project groups (None for another's)."""
    return (
        ProjectMember.objects.filter(pk=member_id, project__municipality=municipality)
        .select_related("project")
        .first()
    )
