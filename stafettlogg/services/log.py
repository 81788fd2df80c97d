"""A log's life: created, started, closed (and archived after closing)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import fodselsnummer

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import StaffMembership, StaffRole
from audit.services import Actor
from municipalities.models import Municipality
from stafettlogg.archive import archive_log
from stafettlogg.models import (
    CloseReason,
    HandOverStatus,
    Log,
    LogStatus,
    Participant,
    ParticipantRole,
)
from stafettlogg.services.common import _audit, _not_in_future


@transaction.atomic
def log_create(
    actor: Actor,
    *,
    municipality: Municipality,
    holder: StaffMembership,
    child_name: str,
    child_birth_date: date,
    child_school: str = "",
    child_fnr: str = "",
) -> Log:
    """A new log in draft, with the creating professional as its stafettholder."""
    if holder.municipality_id != municipality.pk or holder.role not in (
        StaffRole.HOLDER,
        StaffRole.ACTOR,
    ):
        raise ValidationError(_("Only a stafettholder of a unit can create a log."))
    _not_in_future(child_birth_date, "child_birth_date")
    log = Log(
        municipality=municipality,
        child_name=child_name.strip(),
        child_birth_date=child_birth_date,
        child_school=child_school.strip(),
        created_by=holder.user,
    )
    if child_fnr:
        number = clean_fnr(child_fnr)
        if fodselsnummer.get_birth_date(number) != child_birth_date:
            raise ValidationError(
                {"child_fnr": _("The national identity number does not match the date of birth.")}
            )
        log.child_fnr_encrypted = encrypt_fnr(number)
        log.child_fnr_hash = fnr_hash(number)
    log.full_clean()
    log.save()
    assert holder.unit is not None
    Participant.objects.create(
        log=log, user=holder.user, unit=holder.unit, role=ParticipantRole.HOLDER
    )
    _audit(actor, "log.create", log, log)
    return log


@transaction.atomic
def log_activate(actor: Actor, log: Log) -> None:
    log = Log.objects.select_for_update().get(pk=log.pk)
    if log.status != LogStatus.CONSENTED:
        raise ValidationError(_("Only a log with recorded consent can be started."))
    log.status = LogStatus.ACTIVE
    log.activated_at = timezone.now()
    log.save(update_fields=["status", "activated_at"])
    _audit(actor, "log.activate", log)


@transaction.atomic
def log_close(actor: Actor, log: Log, *, reason: str, note: str = "") -> None:
    log = Log.objects.select_for_update().get(pk=log.pk)
    if log.status == LogStatus.CLOSED:
        raise ValidationError(_("The log is already closed."))
    if reason not in CloseReason.values or reason == CloseReason.CONSENT_WITHDRAWN:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    log.status = LogStatus.CLOSED
    log.closed_at = timezone.now()
    log.close_reason = reason
    log.close_note = note
    log.save(update_fields=["status", "closed_at", "close_reason", "close_note"])
    log.handovers.filter(status=HandOverStatus.PENDING).update(
        status=HandOverStatus.CANCELLED, decided_at=log.closed_at
    )
    _audit(actor, "log.close", log, reason=reason)
    _archive_after_commit(log)


def _archive_after_commit(log: Log) -> None:
    """The archive PDF/A is made by a background task once the closing is committed."""

    def enqueue() -> None:
        archive_log.enqueue(str(log.pk))

    transaction.on_commit(enqueue)
