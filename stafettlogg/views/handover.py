"""Handing the stafettholder role over to another participant."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_area
from municipalities.http import MunicipalRequest
from stafettlogg import services
from stafettlogg.access import Action
from stafettlogg.forms import (
    HandOverForm,
)
from stafettlogg.models import Participant
from stafettlogg.views.common import _load, _log_form, _log_url


@staff_area
def handover_propose(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.PROPOSE_HANDOVER)
    participant = access.participant
    assert participant is not None
    assert access.consent is not None
    candidates = (
        Participant.objects.filter(
            log=log, removed_at__isnull=True, unit__in=access.consent.units.all()
        )
        .exclude(pk=participant.pk)
        .select_related("user", "unit")
    )
    return _log_form(
        request,
        log,
        HandOverForm(request.POST or None, candidates=candidates),
        lambda data: services.handover_propose(
            actor,
            log,
            from_participant=participant,
            to_participant=data["to_participant"],
            message=data["message"],
        ),
        _("The hand-over is proposed. It waits for an answer."),
        title=_("Hand over the stafettholder role"),
        submit=_("Propose hand-over"),
        help=_("The new stafettholder must accept before the role changes."),
    )


@staff_area
@require_POST
def handover_respond(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.RESPOND_HANDOVER)
    assert access.pending_handover is not None
    accept = request.POST.get("answer") == "accept"
    services.handover_respond(actor, access.pending_handover, accept=accept)
    messages.success(
        request,
        _("You are now the stafettholder.") if accept else _("You declined the hand-over."),
    )
    return redirect(_log_url(log))


@staff_area
@require_POST
def handover_cancel(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.CANCEL_HANDOVER)
    assert access.pending_handover is not None
    try:
        services.handover_cancel(actor, access.pending_handover)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The hand-over is withdrawn."))
    return redirect(_log_url(log))
