"""The people of a log: guardians, consent and participants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.decorators import staff_area
from audit.services import record
from municipalities.http import MunicipalRequest
from stafettlogg import selectors, services
from stafettlogg.access import Action
from stafettlogg.forms import (
    ConfirmForm,
    ConsentForm,
    GuardianForm,
    ParticipantForm,
    WithdrawForm,
)
from stafettlogg.models import ConsentMethod
from stafettlogg.views.common import _load, _log_form


@staff_area
@sensitive_post_parameters("fnr")
def guardian_add(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.MANAGE_GUARDIANS)
    return _log_form(
        request,
        log,
        GuardianForm(request.POST or None),
        lambda data: services.guardian_add(
            actor,
            log,
            name=data["name"],
            fnr=data["fnr"],
            email=data["email"],
            phone=data["phone"],
        ),
        _("The guardian is added."),
        title=_("Add guardian"),
        submit=_("Add guardian"),
    )


@staff_area
def consent_new(request: MunicipalRequest, log_id: str) -> HttpResponse:
    """The stafettholder records a consent given on the signed form; a guardian or the youth
    gives it digitally."""
    log, access, actor = _load(request, log_id, Action.VIEW)
    digital = access.is_family
    if not access.can(Action.GIVE_CONSENT if digital else Action.RECORD_CONSENT):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> None:
        services.consent_record(
            actor,
            log,
            guardians=[access.guardian]
            if digital and access.guardian
            else data.get("given_by_guardians", []),
            given_by_youth=access.is_youth if digital else data["given_by_youth"],
            units=data["units"],
            given_on=data["given_on"],
            expires_on=data.get("expires_on"),
            method=ConsentMethod.DIGITAL if digital else ConsentMethod.SIGNED_FORM,
            signed_form=data.get("signed_form"),
            recorded_by=request.user,
        )

    return _log_form(
        request,
        log,
        ConsentForm(request.POST or None, request.FILES or None, log=log, digital=digital),
        save,
        _("The consent is recorded."),
        template="stafettlogg/consent_form.html",
        title=_("Give consent") if digital else _("Record consent"),
        digital=digital,
    )


@staff_area
def consent_withdraw(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.WITHDRAW_CONSENT)
    return _log_form(
        request,
        log,
        WithdrawForm(request.POST or None),
        lambda data: services.consent_withdraw(actor, log, withdrawn_by=request.user),
        _("The consent is withdrawn and the log is closed."),
        title=_("Withdraw consent"),
        submit=_("Withdraw consent"),
        danger=True,
    )


@staff_area
def consent_file(request: MunicipalRequest, log_id: str, consent_id: str) -> HttpResponseBase:
    log, access, actor = _load(request, log_id, Action.VIEW)
    pk = selectors.parse_id(consent_id)
    consent = log.consents.filter(pk=pk).first() if pk else None
    if consent is None or not consent.signed_form:
        raise Http404
    record(actor, "consent.file", municipality_id=log.municipality_id, log_id=log.pk, obj=consent)
    extension = (consent.signed_form.name or "").rsplit(".", 1)[-1]
    return FileResponse(
        consent.signed_form.open("rb"), as_attachment=True, filename=f"samtykke.{extension}"
    )


@staff_area
def participant_add(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.ADD_PARTICIPANT)
    return _log_form(
        request,
        log,
        ParticipantForm(
            request.POST or None, memberships=selectors.eligible_staff(log, access.consent)
        ),
        lambda data: services.participant_add(actor, log, membership=data["membership"]),
        _("The participant is added."),
        title=_("Add participant"),
        submit=_("Add participant"),
        help=_(
            "You can add professionals from the services the consent covers. Another "
            "service needs a new consent first."
        ),
    )


@staff_area
def guardian_remove(request: MunicipalRequest, log_id: str, guardian_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.MANAGE_GUARDIANS)
    pk = selectors.parse_id(guardian_id)
    guardian = log.guardians.filter(pk=pk).first() if pk else None
    if guardian is None:
        raise Http404
    return _log_form(
        request,
        log,
        ConfirmForm(request.POST or None),
        lambda data: services.guardian_remove(actor, log, guardian),
        _("The guardian is removed from the log."),
        title=_("Remove guardian"),
        subject=guardian.name,
        submit=_("Remove guardian"),
        danger=True,
        help=_("The guardian can no longer read the log. Consents they gave stay in the history."),
    )


@staff_area
def participant_remove(request: MunicipalRequest, log_id: str, participant_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.REMOVE_PARTICIPANT)
    pk = selectors.parse_id(participant_id)
    participant = (
        log.participants.filter(pk=pk, removed_at__isnull=True).select_related("user").first()
        if pk
        else None
    )
    if participant is None:
        raise Http404
    return _log_form(
        request,
        log,
        ConfirmForm(request.POST or None),
        lambda data: services.participant_remove(actor, log, participant),
        _("The participant is removed from the log."),
        title=_("Remove participant"),
        subject=str(participant),
        submit=_("Remove participant"),
        danger=True,
        help=_("The participant can no longer read or write in the log."),
    )
