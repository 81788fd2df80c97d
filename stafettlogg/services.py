"""Writes to the stafettlogg. Each runs in one transaction together with its audit record, and
raises ``ValidationError`` with a Norwegian message (nothing is saved) on bad input."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import fodselsnummer

from accounts.identity import clean_fnr, encrypt_fnr, fnr_hash
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import SYSTEM as SYSTEM_ACTOR
from audit.services import Actor, record
from core.documents import validate_document_upload
from municipalities.models import Municipality
from stafettlogg.archive import archive_log
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    AttentionArea,
    AttentionCategory,
    CloseReason,
    Consent,
    ConsentMethod,
    Entry,
    Evaluation,
    Guardian,
    HandOver,
    HandOverStatus,
    LevelChange,
    Log,
    LogSettings,
    LogStatus,
    Measure,
    MeasureStatus,
    Meeting,
    NoticeKind,
    Participant,
    ParticipantRole,
)
from stafettlogg.notices import notify
from stafettlogg.selectors import log_settings


def _audit(actor: Actor, action: str, log: Log, obj: Any = None, **detail: Any) -> None:
    record(
        actor,
        action,
        municipality_id=log.municipality_id,
        log_id=log.pk,
        obj=obj,
        detail=detail,
    )


MAX_CONSENT_MONTHS = 36


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _not_in_future(value: date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


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
def log_activate(actor: Actor, log: Log) -> None:
    log = Log.objects.select_for_update().get(pk=log.pk)
    if log.status != LogStatus.CONSENTED:
        raise ValidationError(_("Only a log with recorded consent can be started."))
    log.status = LogStatus.ACTIVE
    log.activated_at = timezone.now()
    log.save(update_fields=["status", "activated_at"])
    _audit(actor, "log.activate", log)


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


def _entry(entry: Entry, log: Log, actor: Actor, author: Any) -> None:
    entry.log = log
    entry.created_by = author if getattr(author, "pk", None) else None
    entry.author_name = actor.name
    entry.author_role = actor.role


@transaction.atomic
def entry_add(actor: Actor, log: Log, entry: Entry, *, author: Any) -> Entry:
    """Add an attention area, goal, meeting, lysglimt, the child's voice or a level change."""
    _entry(entry, log, actor, author)
    if isinstance(entry, AttentionArea) and entry.category.municipality_id != log.municipality_id:
        raise ValidationError({"category": _("Choose an area from the list.")})
    entry.full_clean()
    entry.save()
    if isinstance(entry, LevelChange):
        Log.objects.filter(pk=log.pk).update(bti_level=entry.level)
    _audit(actor, "entry.add", log, entry, kind=type(entry).__name__.lower())
    if isinstance(entry, Meeting) and entry.held_on >= timezone.localdate():
        # A meeting ahead: tell the participants and the guardians.
        notify(
            log,
            NoticeKind.MEETING,
            str(entry.pk),
            users=[
                p.user
                for p in log.participants.filter(removed_at__isnull=True).select_related("user")
            ],
            emails=[g.email for g in log.guardians.all()],
        )
    return entry


@transaction.atomic
def measure_add(actor: Actor, log: Log, measure: Measure, *, author: Any) -> Measure:
    _entry(measure, log, actor, author)
    errors = {}
    if measure.responsible.log_id != log.pk or measure.responsible.removed_at is not None:
        errors["responsible"] = _("Choose a participant in the log.")
    if measure.unit.municipality_id != log.municipality_id:
        errors["unit"] = _("Choose a service in this municipality.")
    if measure.evaluation_date < measure.start_date:
        errors["evaluation_date"] = _("The evaluation date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    measure.full_clean()
    measure.save()
    _audit(actor, "entry.add", log, measure, kind="measure")
    notify(log, NoticeKind.MEASURE, str(measure.pk), users=[measure.responsible.user])
    return measure


@transaction.atomic
def measure_set_status(actor: Actor, measure: Measure, status: str) -> None:
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    measure.status = status
    measure.save(update_fields=["status"])
    _audit(actor, "measure.status", measure.log, measure, status=status)


@transaction.atomic
def evaluation_add(
    actor: Actor, measure: Measure, evaluation: Evaluation, *, author: Any
) -> Evaluation:
    if evaluation.evaluated_on < measure.start_date:
        raise ValidationError(
            {"evaluated_on": _("The evaluation cannot be dated before the measure started.")}
        )
    _not_in_future(evaluation.evaluated_on, "evaluated_on")
    _entry(evaluation, measure.log, actor, author)
    evaluation.measure = measure
    evaluation.full_clean()
    evaluation.save()
    if not evaluation.continue_measure and measure.status != MeasureStatus.COMPLETED:
        measure.status = MeasureStatus.COMPLETED
        measure.save(update_fields=["status"])
    _audit(actor, "entry.add", measure.log, evaluation, kind="evaluation")
    return evaluation


@transaction.atomic
def handover_propose(
    actor: Actor,
    log: Log,
    *,
    from_participant: Participant,
    to_participant: Participant,
    message: str = "",
) -> HandOver:
    if from_participant.role != ParticipantRole.HOLDER:
        raise ValidationError(_("Only the stafettholder can propose a hand-over."))
    if to_participant.log_id != log.pk or to_participant.pk == from_participant.pk:
        raise ValidationError({"to_participant": _("Choose another participant in the log.")})
    if to_participant.removed_at is not None:
        raise ValidationError({"to_participant": _("Choose another participant in the log.")})
    try:
        with transaction.atomic():
            handover = HandOver.objects.create(
                log=log,
                from_participant=from_participant,
                to_participant=to_participant,
                message=message,
            )
    except IntegrityError:
        raise ValidationError(_("A hand-over is already waiting for an answer.")) from None
    _audit(actor, "handover.propose", log, handover)
    notify(log, NoticeKind.HANDOVER, str(handover.pk), users=[to_participant.user])
    return handover


@transaction.atomic
def handover_cancel(actor: Actor, handover: HandOver) -> None:
    updated = HandOver.objects.filter(pk=handover.pk, status=HandOverStatus.PENDING).update(
        status=HandOverStatus.CANCELLED, decided_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This hand-over has already been answered."))
    _audit(actor, "handover.cancel", handover.log, handover)


@transaction.atomic
def handover_respond(actor: Actor, handover: HandOver, *, accept: bool) -> None:
    """The proposed participant accepts (and becomes the one stafettholder) or declines."""
    handover = HandOver.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandOverStatus.PENDING:
        raise ValidationError(_("This hand-over has already been answered."))
    handover.status = HandOverStatus.ACCEPTED if accept else HandOverStatus.DECLINED
    handover.decided_at = timezone.now()
    handover.save(update_fields=["status", "decided_at"])
    if accept:
        # The old holder becomes an ordinary participant first: the database allows only one.
        Participant.objects.filter(pk=handover.from_participant_id).update(
            role=ParticipantRole.ACTOR
        )
        Participant.objects.filter(pk=handover.to_participant_id).update(
            role=ParticipantRole.HOLDER
        )
    _audit(actor, "handover.accept" if accept else "handover.decline", handover.log, handover)


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


def attention_categories_ensure(municipality: Municipality, names: Iterable[str]) -> None:
    for name in names:
        AttentionCategory.objects.get_or_create(municipality=municipality, name=name)


@transaction.atomic
def attention_category_add(actor: Actor, municipality: Municipality, name: str) -> None:
    """An area of attention the municipality's logs can name (the administration page)."""
    attention_categories_ensure(municipality, [name])
    record(actor, "category.create", municipality_id=municipality.pk)


@transaction.atomic
def log_settings_change(actor: Actor, municipality: Municipality, **values: Any) -> None:
    """The municipality's settings for its logs (consent period, youth consent age, notice
    days, retention), changed with their audit record in one transaction."""
    current = LogSettings.objects.select_for_update().get_or_create(municipality=municipality)[0]
    for key, value in values.items():
        setattr(current, key, value)
    current.full_clean()
    current.save()
    record(actor, "settings.change", municipality_id=municipality.pk)


# Retention -------------------------------------------------------------------------------


def purge_closed_logs(today: date | None = None) -> int:
    """Delete logs closed longer ago than their municipality's retention period, with all
    their content and files. Only an audit tombstone (dates and reason, no content) remains.
    Returns the number of logs deleted."""
    today = today or timezone.localdate()
    purged = 0
    closed = Log.objects.filter(status=LogStatus.CLOSED, closed_at__isnull=False).select_related(
        "municipality__log_settings"
    )
    for log in closed.iterator():
        settings_obj = getattr(log.municipality, "log_settings", None)
        months = settings_obj.retention_months if settings_obj else 24
        if add_months(timezone.localdate(log.closed_at), months) <= today:
            _purge(log)
            purged += 1
    return purged


@transaction.atomic
def _purge(log: Log) -> None:
    files = [c.signed_form for c in log.consents.all() if c.signed_form]
    archive = getattr(log, "archive", None)
    if archive is not None:
        files.append(archive.file)
    record(
        SYSTEM_ACTOR,
        "log.purge",
        municipality_id=log.municipality_id,
        log_id=log.pk,
        detail={
            "created": log.created_at.date().isoformat(),
            "closed": log.closed_at.date().isoformat() if log.closed_at else None,
            "reason": log.close_reason,
        },
    )
    # Children first: evaluations point at measures (listed after them), measures and
    # hand-overs at participants.
    for kind in reversed(ENTRY_KINDS):
        kind.model._default_manager.filter(log=log).delete()
    HandOver.objects.filter(log=log).delete()
    log.delete()
    for stored in files:
        if stored.name:
            transaction.on_commit(partial(stored.storage.delete, stored.name))
