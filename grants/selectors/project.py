"""Reads about one municipality's project."""

from __future__ import annotations

from grants.models import GrantProject
from municipalities.models import Municipality


def project_of(municipality: Municipality) -> GrantProject | None:
    return GrantProject.objects.filter(municipality=municipality).first()
