"""Reads about accounts: a person's identity hash and a user's roles in a municipality.

"May this user do this here" for the municipality roles is ``has_role``; the rules for one log
are in stafettlogg.access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from accounts.models import (
    NationalRole,
    NationalRoleKind,
    PersonIdentity,
    StaffMembership,
    StaffRole,
    Unit,
)
from core.compiled import CompiledQuery
from municipalities.models import Municipality

# Placeholders of the compiled reads below (values no query has otherwise).
_USER_ID = -1
_MUNICIPALITY_ID = -2

# Asked on every request to a log page: compiled once per thread (ADR 010).
_IDENTITY_QUERY = CompiledQuery(
    lambda user_id: (
        PersonIdentity.objects.filter(user_id=user_id).order_by("pk").values_list("fnr_hash")[:1]
    ),
    _USER_ID,
)
_STAFF_ROLES_QUERY = CompiledQuery(
    lambda municipality_id, user_id: StaffMembership.objects.filter(
        municipality_id=municipality_id, user_id=user_id
    ).values_list("role"),
    _MUNICIPALITY_ID,
    _USER_ID,
)


def identity_hash(user: Any) -> str | None:
    if not user.is_authenticated:
        return None
    rows = _IDENTITY_QUERY.run(user.pk)
    return rows[0][0] if rows else None


def memberships(municipality: Municipality, user: Any) -> list[StaffMembership]:
    if not user.is_authenticated:
        return []
    return list(
        StaffMembership.objects.filter(municipality=municipality, user=user).select_related("unit")
    )


def staff_roles(municipality: Municipality, user: Any) -> set[str]:
    """The user's staff roles in this municipality (no rows, no units)."""
    if not user.is_authenticated:
        return set()
    return {role for (role,) in _STAFF_ROLES_QUERY.run(municipality.pk, user.pk)}


def has_role(municipality: Municipality, user: Any, roles: list[str]) -> bool:
    """Whether the user holds one of ``roles`` (StaffRole) in this municipality."""
    return (
        user.is_authenticated
        and StaffMembership.objects.filter(
            municipality=municipality, user=user, role__in=roles
        ).exists()
    )


def units_led_by(municipality: Municipality, user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(
        municipality=municipality,
        memberships__user=user,
        memberships__role=StaffRole.UNIT_LEADER,
    ).distinct()


@dataclass(frozen=True)
class NationalRoles:
    """A user's roles above the municipalities: Bufdir's adviser, and the KORUS regions whose
    municipalities they follow."""

    bufdir: bool = False
    korus_regions: frozenset[str] = frozenset()

    @property
    def any(self) -> bool:
        return self.bufdir or bool(self.korus_regions)


def national_roles(user: Any) -> NationalRoles:
    if not user.is_authenticated:
        return NationalRoles()
    rows = list(NationalRole.objects.filter(user=user).values_list("role", "region"))
    return NationalRoles(
        bufdir=any(role == NationalRoleKind.BUFDIR_ADVISER for role, _region in rows),
        korus_regions=frozenset(
            region for role, region in rows if role == NationalRoleKind.KORUS_ADVISER
        ),
    )
