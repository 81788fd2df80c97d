"""Writes about the project itself: registering the grant decision, its details, groups,
milestones, training and weaknesses."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from audit.services import Actor, record
from grants.models import GrantProject, Milestone, MilestoneKind
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
