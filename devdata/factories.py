"""The set-ups that demo data, tests and the recovery seed all need, written once, through the
services (so that every audit record and rule applies as in real use)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from accounts.models import StaffMembership, Unit
from audit.services import SYSTEM, Actor
from stafettlogg import services
from stafettlogg.models import ConsentMethod, Guardian, Log


def consented_log(
    *,
    holder: StaffMembership,
    child_name: str,
    child_birth_date: date,
    guardian_name: str,
    guardian_fnr: str,
    units: Iterable[Unit],
    consent_days_ago: int = 10,
    child_fnr: str = "",
    child_school: str = "",
    guardian_email: str = "",
    given_by_youth: bool = False,
    signed_form: UploadedFile | None = None,
    actor: Actor = SYSTEM,
) -> tuple[Log, Guardian]:
    """An active log in the holder's municipality: made by ``holder`` (its stafettholder), one
    guardian, a consent given ``consent_days_ago`` days ago naming ``units`` (digital, or on a
    signed form when one is given), and started."""
    log = services.log_create(
        actor,
        municipality=holder.municipality,
        holder=holder,
        child_name=child_name,
        child_birth_date=child_birth_date,
        child_school=child_school,
        child_fnr=child_fnr,
    )
    guardian = services.guardian_add(
        actor, log, name=guardian_name, fnr=guardian_fnr, email=guardian_email
    )
    consent: dict[str, Any] = {"method": ConsentMethod.DIGITAL}
    if signed_form is not None:
        consent = {"method": ConsentMethod.SIGNED_FORM, "signed_form": signed_form}
    services.consent_record(
        actor,
        log,
        guardians=[guardian],
        units=list(units),
        given_on=timezone.localdate() - timedelta(days=consent_days_ago),
        given_by_youth=given_by_youth,
        **consent,
    )
    services.log_activate(actor, log)
    return log, guardian
