"""Writes of a project's weaknesses and gaps ("svakheter og mangler") and the improvement
measures that answer them. Audited without the texts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from audit.services import Actor, record
from grants.models import GrantProject, Weakness

WEAKNESS_FIELDS = frozenset({"description", "measure", "owner", "status", "due_date", "element"})


def _check(weakness: Weakness, project: GrantProject) -> None:
    element: Page | None = weakness.element if weakness.element_id else None
    if element is not None:
        root = project.municipality.site.root_page
        if not element.path.startswith(root.path):
            raise ValidationError({"element": _("Choose a page of the municipality's model.")})
    weakness.full_clean(exclude=["project"])


def _audit(actor: Actor, action: str, weakness: Weakness) -> None:
    record(
        actor,
        action,
        municipality_id=weakness.project.municipality_id,
        obj=weakness,
        detail={"status": weakness.status, "element": weakness.element_id},
    )


@transaction.atomic
def weakness_add(actor: Actor, project: GrantProject, **fields: Any) -> Weakness:
    unknown = set(fields) - WEAKNESS_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a weakness: {sorted(unknown)}")
    weakness = Weakness(project=project, **fields)
    _check(weakness, project)
    weakness.save()
    _audit(actor, "grant.weakness_add", weakness)
    return weakness


@transaction.atomic
def weakness_update(actor: Actor, weakness: Weakness, **changes: Any) -> Weakness:
    unknown = set(changes) - WEAKNESS_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a weakness: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(weakness, name, value)
    _check(weakness, weakness.project)
    weakness.save()
    _audit(actor, "grant.weakness_update", weakness)
    return weakness


@transaction.atomic
def weakness_delete(actor: Actor, weakness: Weakness) -> None:
    _audit(actor, "grant.weakness_delete", weakness)
    weakness.delete()
