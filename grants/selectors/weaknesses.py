"""Reads of a project's weaknesses and improvement measures."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from grants.models import GrantProject, Weakness
from municipalities.models import Municipality


def weaknesses_of(project: GrantProject) -> QuerySet[Weakness]:
    return (
        Weakness.objects.filter(project=project)
        .select_related("element")
        .order_by("status", "due_date", "pk")
    )


def weakness_in(municipality: Municipality, weakness_id: int) -> Weakness | None:
    """One weakness of ``municipality``'s project (None for another's)."""
    return (
        Weakness.objects.filter(pk=weakness_id, project__municipality=municipality)
        .select_related("project", "element")
        .first()
    )


def model_pages(municipality: Municipality) -> QuerySet[Page]:
    """The pages of the municipality's model (its site's tree), in tree order: what a measure
    may change."""
    root = municipality.site.root_page
    return Page.objects.descendant_of(root, inclusive=True).order_by("path")
