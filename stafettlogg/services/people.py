"""The people of a log: guardians, consent and participants."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import Actor
from core.documents import validate_document_upload
from stafettlogg.models import (
    CloseReason,
    Consent,
    ConsentMethod,
    Guardian,
    HandOverStatus,
    Log,
    LogStatus,
    Participant,
    ParticipantRole,
)
from stafettlogg.selectors import log_settings
from stafettlogg.services.common import MAX_CONSENT_MONTHS, _audit, add_months
from stafettlogg.services.log import _archive_after_commit


@transaction.atomic
def guardian_add(
    actor: Actor, log: Log, *, name: str, fnr: str, email: str = "", phone: str = ""
) -> Guardian:
    number = clean_fnr(fnr)
    hashed = fnr_hash(number)
    if log.child_fnr_hash and hashed == log.child_fnr_hash:
        raise ValidationError({"fnr": _("This is the child's own national identity number.")})
    if log.guardians.filter(fnr_hash=hashed).exists():
        raise ValidationError({"fnr": _("This guardian is already registered in the log.")})
    guardian = Guardian(
        log=log,
        name=name.strip(),
        fnr_encrypted=encrypt_fnr(number),
        fnr_hash=hashed,
        email=email,
        phone=phone,
    )
    guardian.full_clean()
    try:
        with transaction.atomic():
            guardian.save()
    except IntegrityError:
        raise ValidationError(
            {"fnr": _("This guardian is already registered in the log.")}
        ) from None
    _audit(actor, "guardian.add", log, guardian)
    return guardian


@transaction.atomic
def guardian_remove(actor: Actor, log: Log, guardian: Guardian) -> None:
    """Remove a guardian registered by mistake (or who no longer has parental
    responsibility). Consents they gave stay as history."""
    if guardian.log_id != log.pk:
        raise ValidationError(_("Choose a guardian in this log."))
    _audit(actor, "guardian.remove", log, guardian)
    consents = list(guardian.consents.all())
    for consent in consents:
        consent.given_by_guardians.remove(guardian)
    guardian.delete()


@transaction.atomic
def consent_record(
    actor: Actor,
    log: Log,
    *,
    guardians: Iterable[Guardian],
    units: Iterable[Unit],
    given_on: date,
    expires_on: date | None = None,
    given_by_youth: bool = False,
    method: str = ConsentMethod.SIGNED_FORM,
    signed_form: UploadedFile | None = None,
    recorded_by: Any = None,
) -> Consent:
    """Record a consent (new or renewed). It replaces the previous one: professionals from units
    it does not name lose access."""
    log = Log.objects.select_for_update().get(pk=log.pk)
    if log.status == LogStatus.CLOSED:
        raise ValidationError(_("The log is closed."))
    guardians = list(guardians)
    units = list(units)
    errors: dict[str, str] = {}
    if not guardians and not given_by_youth:
        errors["guardians"] = _("Choose who gave the consent.")
    if any(g.log_id != log.pk for g in guardians):
        errors["guardians"] = _("Only the log's guardians can give consent.")
    if not units:
        errors["units"] = _("Choose at least one service the consent covers.")
    if any(u.municipality_id != log.municipality_id for u in units):
        errors["units"] = _("Choose services in this municipality.")
    holder = log.participants.filter(role=ParticipantRole.HOLDER, removed_at__isnull=True).first()
    if holder is not None and units and holder.unit not in units:
        errors["units"] = _("The consent must cover the stafettholder's service (%(unit)s).") % {
            "unit": holder.unit.name
        }
    today = timezone.localdate()
    if given_on > today:
        errors["given_on"] = _("The date cannot be in the future.")
    if expires_on is None:
        expires_on = add_months(given_on, log_settings(log.municipality).consent_months)
    if expires_on <= today:
        errors["expires_on"] = _("The expiry date must be after today.")
    elif expires_on > add_months(given_on, MAX_CONSENT_MONTHS):
        errors["expires_on"] = _("A consent can last at most three years.")
    elif expires_on <= given_on:
        errors["expires_on"] = _("The expiry date must be after the date the consent was given.")
    if method == ConsentMethod.SIGNED_FORM:
        if signed_form is None:
            errors["signed_form"] = _("Upload the signed consent form.")
        else:
            try:
                validate_document_upload(signed_form)
            except ValidationError as error:
                errors["signed_form"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    # The newest consent is the one that counts; older ones stay as history.
    consent = Consent.objects.create(
        log=log,
        given_by_youth=given_by_youth,
        given_on=given_on,
        expires_on=expires_on,
        method=method,
        signed_form=signed_form if method == ConsentMethod.SIGNED_FORM else "",
        recorded_by=recorded_by,
    )
    consent.given_by_guardians.set(guardians)
    consent.units.set(units)
    # A hand-over to someone from a service the consent no longer names cannot be answered.
    log.handovers.filter(status=HandOverStatus.PENDING).exclude(
        to_participant__unit__in=units
    ).update(status=HandOverStatus.CANCELLED, decided_at=timezone.now())
    if log.status == LogStatus.DRAFT:
        log.status = LogStatus.CONSENTED
        log.save(update_fields=["status"])
    action = "consent.give" if method == ConsentMethod.DIGITAL else "consent.record"
    _audit(actor, action, log, consent, units=len(units))
    return consent


@transaction.atomic
def consent_withdraw(actor: Actor, log: Log, *, withdrawn_by: Any) -> None:
    """Withdrawal removes professionals' access at once and closes the log (if it was already
    closed, it stays closed and the professionals can no longer read it)."""
    log = Log.objects.select_for_update().get(pk=log.pk)
    now = timezone.now()
    withdrawn = log.consents.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawn_by=withdrawn_by
    )
    if not withdrawn:
        raise ValidationError(_("There is no consent to withdraw."))
    log.handovers.filter(status=HandOverStatus.PENDING).update(
        status=HandOverStatus.CANCELLED, decided_at=now
    )
    _audit(actor, "consent.withdraw", log)
    if log.status != LogStatus.CLOSED:
        log.status = LogStatus.CLOSED
        log.closed_at = now
        log.close_reason = CloseReason.CONSENT_WITHDRAWN
        log.save(update_fields=["status", "closed_at", "close_reason"])
        _audit(actor, "log.close", log, reason=CloseReason.CONSENT_WITHDRAWN)
        _archive_after_commit(log)


@transaction.atomic
def participant_add(actor: Actor, log: Log, *, membership: StaffMembership) -> Participant:
    consent = log.consents.order_by("-recorded_at").first()
    if consent is not None and consent.withdrawn_at is not None:
        consent = None
    if (
        membership.municipality_id != log.municipality_id
        or membership.role not in (StaffRole.HOLDER, StaffRole.ACTOR)
        or membership.unit is None
    ):
        raise ValidationError({"membership": _("Choose a professional in this municipality.")})
    if consent is None or not consent.units.filter(pk=membership.unit.pk).exists():
        raise ValidationError(
            {
                "membership": _(
                    "%(unit)s is not covered by the consent. Record a new consent that names "
                    "the service first."
                )
                % {"unit": membership.unit.name}
            }
        )
    if log.participants.filter(user=membership.user, removed_at__isnull=True).exists():
        raise ValidationError({"membership": _("This person already takes part in the log.")})
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                log=log, user=membership.user, unit=membership.unit, role=ParticipantRole.ACTOR
            )
    except IntegrityError:  # added by someone else at the same moment
        raise ValidationError(
            {"membership": _("This person already takes part in the log.")}
        ) from None
    _audit(actor, "participant.add", log, participant)
    return participant


@transaction.atomic
def participant_remove(actor: Actor, log: Log, participant: Participant) -> None:
    """A participant leaves the log (the stafettholder cannot: hand the role over first)."""
    if participant.log_id != log.pk or participant.removed_at is not None:
        raise ValidationError(_("Choose a participant in this log."))
    if participant.role == ParticipantRole.HOLDER:
        raise ValidationError(_("Hand over the stafettholder role before leaving the log."))
    now = timezone.now()
    Participant.objects.filter(pk=participant.pk).update(removed_at=now)
    log.handovers.filter(status=HandOverStatus.PENDING, to_participant=participant).update(
        status=HandOverStatus.CANCELLED, decided_at=now
    )
    _audit(actor, "participant.remove", log, participant)
