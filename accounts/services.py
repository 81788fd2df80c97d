"""Writes about accounts: a person's identity, the municipality's units and staff accounts.
Each write is one transaction with its audit record."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import (
    MUNICIPALITY_WIDE_ROLES,
    NationalRole,
    NationalRoleKind,
    PersonIdentity,
    StaffMembership,
    StaffRole,
    Unit,
)
from audit.services import Actor, record
from municipalities.models import Municipality
from municipalities.register import KORUS_REGIONS


@transaction.atomic
def person_identity_set(user: Any, fnr: str) -> PersonIdentity:
    number = clean_fnr(fnr)
    identity, _created = PersonIdentity.objects.update_or_create(
        user=user, defaults={"fnr_encrypted": encrypt_fnr(number), "fnr_hash": fnr_hash(number)}
    )
    return identity


@transaction.atomic
def unit_create(actor: Actor, municipality: Municipality, name: str) -> Unit:
    if Unit.objects.filter(municipality=municipality, name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("A unit with this name already exists.")})
    unit = Unit.objects.create(municipality=municipality, name=name.strip())
    record(actor, "unit.create", municipality_id=municipality.pk, obj=unit)
    return unit


@transaction.atomic
def staff_create(
    actor: Actor,
    municipality: Municipality,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    unit: Unit | None,
    password: str,
) -> StaffMembership:
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("The username is taken.")})
    if role not in MUNICIPALITY_WIDE_ROLES and (
        unit is None or unit.municipality_id != municipality.pk
    ):
        raise ValidationError({"unit": _("Choose a unit in this municipality.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    membership = StaffMembership.objects.create(
        user=user, municipality=municipality, role=role, unit=unit
    )
    record(
        actor,
        "staff.create",
        municipality_id=municipality.pk,
        obj=membership,
        detail={"role": role},
    )
    return membership


@transaction.atomic
def authenticator_new(user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator key for ``user``, replacing any unconfirmed one: a key
    someone else has seen cannot be confirmed later."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, confirmed=False, name="Autentiseringsapp")


@transaction.atomic
def authenticator_confirm(actor: Actor, device: TOTPDevice) -> None:
    """The user has shown a code from ``device``: it becomes their second factor."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(actor, "auth.2fa_setup")


@transaction.atomic
def password_set(actor: Actor, user: Any, password: str) -> None:
    """The user's own new password (already checked by Django's password validators)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor, "auth.password_change")


def _municipal_ties(user: Any) -> bool:
    """Whether ``user`` holds a role or a group in any municipality."""
    if StaffMembership.objects.filter(user=user).exists():
        return True
    return user.groups.filter(
        Q(edits_municipality__isnull=False)
        | Q(approves_municipality__isnull=False)
        | Q(staff_of_municipality__isnull=False)
    ).exists()


@transaction.atomic
def national_role_grant(actor: Actor, user: Any, *, role: str, region: str = "") -> NationalRole:
    """Make ``user`` Bufdir's adviser or a KORUS adviser of ``region``. The advisers have no
    municipal role or group (so they never reach a stafettlogg or edit a model, ADR 016)."""
    if role not in NationalRoleKind.values:
        raise ValidationError({"role": _("Choose Bufdir or KORUS.")})
    if role == NationalRoleKind.KORUS_ADVISER and region not in KORUS_REGIONS:
        raise ValidationError({"region": _("Choose the KORUS centre's region.")})
    if role == NationalRoleKind.BUFDIR_ADVISER:
        region = ""
    if _municipal_ties(user):
        raise ValidationError(
            _("This user works in a municipality. An adviser must have an account of their own.")
        )
    national, created = NationalRole.objects.get_or_create(user=user, role=role, region=region)
    if not created:
        raise ValidationError(_("The user has this role already."))
    record(actor, "role.national_grant", obj=national, detail={"role": role, "region": region})
    return national


@transaction.atomic
def national_role_revoke(actor: Actor, national: NationalRole) -> None:
    record(
        actor,
        "role.national_revoke",
        obj=national,
        detail={"role": national.role, "region": national.region},
    )
    national.delete()


def works_in(municipality: Municipality, user: Any) -> bool:
    """Whether ``user`` is staff of ``municipality``: a role there, or one of its groups."""
    if StaffMembership.objects.filter(municipality=municipality, user=user).exists():
        return True
    groups = [municipality.editors_id, municipality.approvers_id, municipality.staff_id]
    return bool(user.groups.filter(pk__in=groups).exists())


@transaction.atomic
def project_leader_grant(actor: Actor, municipality: Municipality, user: Any) -> StaffMembership:
    """Make a staff member of ``municipality`` its project leader (BTS-koordinator): the role,
    and the municipality's editors group, which opens the admin where the project is kept."""
    if not works_in(municipality, user):
        raise ValidationError({"username": _("Choose a staff member of this municipality.")})
    membership, created = StaffMembership.objects.get_or_create(
        user=user, municipality=municipality, role=StaffRole.PROJECT_LEADER, unit=None
    )
    if not created:
        raise ValidationError(_("The user is the project leader already."))
    user.groups.add(municipality.editors)
    record(
        actor,
        "role.project_leader_grant",
        municipality_id=municipality.pk,
        obj=membership,
        detail={"role": StaffRole.PROJECT_LEADER},
    )
    return membership


@transaction.atomic
def project_leader_revoke(actor: Actor, membership: StaffMembership) -> None:
    """Take the project leader role back (the user stays in the editors group, as an editor)."""
    if membership.role != StaffRole.PROJECT_LEADER:
        raise ValidationError(_("This is not a project leader role."))
    record(
        actor,
        "role.project_leader_revoke",
        municipality_id=membership.municipality_id,
        obj=membership,
        detail={"role": membership.role},
    )
    membership.delete()
