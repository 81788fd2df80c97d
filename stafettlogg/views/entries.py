"""The content of a log: entries, measures and their evaluations and status."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_area
from municipalities.http import MunicipalRequest
from samhandlingsmodell.models import ElementPage
from stafettlogg import entry_kinds, selectors, services
from stafettlogg.access import Action
from stafettlogg.forms import (
    EvaluationForm,
    MeasureForm,
    MeasureStatusForm,
    entry_form_class,
)
from stafettlogg.models import Log, Measure
from stafettlogg.views.common import _load, _log_form, _log_url


@staff_area
def entry_add(request: MunicipalRequest, log_id: str, kind: str) -> HttpResponse:
    entry_kind = entry_kinds.BY_FORM_SLUG.get(kind)
    if entry_kind is None or entry_kind.form is None:
        raise Http404
    log, access, actor = _load(request, log_id, entry_kind.form.action)
    form = entry_form_class(entry_kind, log)(request.POST or None)
    return _log_form(
        request,
        log,
        form,
        lambda data: services.entry_add(actor, log, form.save(commit=False), author=request.user),
        _("Saved."),
        title=str(entry_kind.form.title),
        submit=_("Save"),
    )


@staff_area
def measure_add(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.WRITE)
    tiltak = (
        ElementPage.objects.live()
        .descendant_of(log.municipality.site.root_page)
        .filter(element_type="tiltak")
        .order_by("title")
    )
    form = MeasureForm(request.POST or None, log=log, tiltak=tiltak)
    return _log_form(
        request,
        log,
        form,
        lambda data: services.measure_add(actor, log, form.save(commit=False), author=request.user),
        _("The measure is added."),
        title=_("Add measure"),
        submit=_("Add measure"),
    )


def _measure(log: Log, measure_id: str) -> Measure:
    pk = selectors.parse_id(measure_id)
    measure = Measure.objects.filter(log=log, pk=pk).select_related("log").first() if pk else None
    if measure is None:
        raise Http404
    return measure


@staff_area
def evaluation_add(request: MunicipalRequest, log_id: str, measure_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.WRITE)
    measure = _measure(log, measure_id)
    form = EvaluationForm(request.POST or None)
    return _log_form(
        request,
        log,
        form,
        lambda data: services.evaluation_add(
            actor, measure, form.save(commit=False), author=request.user
        ),
        _("The evaluation is saved."),
        title=_("Evaluate measure"),
        submit=_("Save evaluation"),
        subject=measure.description,
    )


@staff_area
@require_POST
def measure_status(request: MunicipalRequest, log_id: str, measure_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.WRITE)
    measure = _measure(log, measure_id)
    form = MeasureStatusForm(request.POST)
    if form.is_valid():
        services.measure_set_status(actor, measure, form.cleaned_data["status"])
        messages.success(request, _("The status is changed."))
    return redirect(_log_url(log))
