"""Writes about the project itself: registering the grant decision, its details, groups,
milestones, training and weaknesses."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import translation
from wagtail.documents import get_document_model

from audit.services import Actor, record
from grants.models import GrantProject, Milestone, MilestoneKind, ProjectMember
from grants.rules import MILESTONE_RULES, milestone_due
from municipalities.models import Municipality


@transaction.atomic
def project_register(
    actor: Actor,
    municipality: Municipality,
    *,
    decision_date: datetime.date,
    amount_development: int,
    amount_implementation: int,
    project_leader: str = "",
) -> GrantProject:
    """Register the grant decision: the project and its milestones from the scheme's rules
    (titles in the municipality's written standard; every one editable afterwards)."""
    if GrantProject.objects.filter(municipality=municipality).exists():
        raise ValidationError(
            translation.gettext("The municipality's grant project is registered already.")
        )
    project = GrantProject(
        municipality=municipality,
        decision_date=decision_date,
        amount_development=amount_development,
        amount_implementation=amount_implementation,
        project_leader=project_leader,
    )
    project.full_clean()
    project.save()
    with translation.override(municipality.language):
        Milestone.objects.bulk_create(
            Milestone(
                project=project,
                kind=rule.kind,
                title=str(MilestoneKind(rule.kind).label),
                due_date=milestone_due(decision_date, rule),
            )
            for rule in MILESTONE_RULES
        )
    record(
        actor,
        "grant.project_register",
        municipality_id=municipality.pk,
        obj=project,
        detail={"decision_date": decision_date.isoformat()},
    )
    return project


# The details of a project the project leader edits (the decision date is the decision's own;
# a wrong one is corrected by a national administrator, as the milestones follow from it).
PROJECT_FIELDS = frozenset(
    {
        "amount_development",
        "amount_implementation",
        "mandate",
        "mandate_document",
        "mandate_adopted",
        "project_owner",
        "project_leader",
        "bufdir_contact",
        "project_plan",
    }
)


@transaction.atomic
def project_update(
    actor: Actor,
    project: GrantProject,
    *,
    user: Any = None,
    mandate_file: File | None = None,
    **changes: Any,
) -> GrantProject:
    """Change the project's details (``PROJECT_FIELDS``). ``mandate_file``, when given, is
    kept as a document in the municipality's collection and becomes the mandate's document."""
    unknown = set(changes) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"Not a detail of the project: {sorted(unknown)}")
    municipality = project.municipality
    document = changes.get("mandate_document")
    if document is not None and document.collection_id != municipality.collection_id:
        raise ValidationError(
            {"mandate_document": translation.gettext("Choose a document of the municipality.")}
        )
    if mandate_file is not None:
        title = translation.gettext("Mandate of the grant project – %(municipality)s") % {
            "municipality": municipality.name
        }
        document = get_document_model()(
            title=title,
            file=mandate_file,
            collection_id=municipality.collection_id,
            uploaded_by_user=user if getattr(user, "is_authenticated", False) else None,
        )
        document.full_clean(exclude=["file_hash", "file_size"])
        document.save()
        changes["mandate_document"] = document
    changed = sorted(name for name, value in changes.items() if getattr(project, name) != value)
    for name, value in changes.items():
        setattr(project, name, value)
    project.full_clean(exclude=["municipality"])
    project.save()
    record(
        actor,
        "grant.project_update",
        municipality_id=municipality.pk,
        obj=project,
        detail={"fields": changed},
    )
    return project


@transaction.atomic
def member_add(
    actor: Actor, project: GrantProject, *, group: str, name: str, represents: str = ""
) -> ProjectMember:
    """Add a member to the project group, the steering group or the reference group."""
    member = ProjectMember(
        project=project, group=group, name=name.strip(), represents=represents.strip()
    )
    member.full_clean()
    member.save()
    record(
        actor,
        "grant.member_add",
        municipality_id=project.municipality_id,
        obj=member,
        detail={"group": group},
    )
    return member


@transaction.atomic
def member_remove(actor: Actor, member: ProjectMember) -> None:
    record(
        actor,
        "grant.member_remove",
        municipality_id=member.project.municipality_id,
        obj=member,
        detail={"group": member.group},
    )
    member.delete()
