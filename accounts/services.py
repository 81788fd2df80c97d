"""Writes about accounts: a person's identity, the municipality's units and staff accounts.
Each write is one transaction with its audit record."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import (
    MUNICIPALITY_WIDE_ROLES,
    PersonIdentity,
    StaffMembership,
    Unit,
)
from audit.services import Actor, record
from municipalities.models import Municipality


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
