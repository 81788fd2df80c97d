"""Pages of the stafettlogg for staff and guardians, under /stafettlogg/ on the municipality's
host. Views stay thin: access in ``access``, reads in ``selectors``, writes in ``services``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm, Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.decorators import staff_area
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import Actor, actor_from_request, record
from municipalities.http import MunicipalRequest
from samhandlingsmodell.models import ElementPage
from stafettlogg import archive as archive_module
from stafettlogg import entry_kinds, selectors, services
from stafettlogg.access import Action, LogAccess
from stafettlogg.forms import (
    CategoryForm,
    CloseForm,
    ConfirmForm,
    ConsentForm,
    EvaluationForm,
    FamilyCloseForm,
    GuardianForm,
    HandOverForm,
    LogCreateForm,
    LogSettingsForm,
    MeasureForm,
    MeasureStatusForm,
    ParticipantForm,
    StaffForm,
    UnitForm,
    WithdrawForm,
    entry_form_class,
    measure_status_options,
)
from stafettlogg.models import ConsentMethod, Log, LogArchive, Measure, Participant


def _load(request: MunicipalRequest, log_id: str, action: Action) -> tuple[Log, LogAccess, Actor]:
    """The log if the user may see it (404 otherwise, so that nothing tells a log exists) and
    may do ``action`` (403 otherwise)."""
    log = selectors.log_in_municipality(request.municipality, log_id)
    if log is None:
        raise Http404
    access = selectors.access_for(request.user, log)
    if not access.can(Action.VIEW):
        raise Http404
    if not access.can(action):
        raise PermissionDenied
    return log, access, actor_from_request(request, access.role.value)


def _apply_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _log_url(log: Log) -> str:
    return reverse("stafettlogg:log", args=[log.pk])


def _log_form(
    request: HttpRequest,
    log: Log,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    success: str,
    template: str = "stafettlogg/form_page.html",
    **context: Any,
) -> HttpResponse:
    """A form on one log: when a POST is valid, ``save`` calls the service with the cleaned
    data; the service's ValidationError goes back to the form (nothing is saved), otherwise
    ``success`` is shown on the log. The form page otherwise."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_log_url(log))
    return render(request, template, {"log": log, "form": form, **context})


@staff_area
def mine(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    roles = account_selectors.staff_roles(municipality, request.user)
    context = {
        "items": selectors.my_logs(municipality, request.user),
        "can_create": bool(roles & {StaffRole.HOLDER, StaffRole.ACTOR}),
        "is_leader": StaffRole.UNIT_LEADER in roles,
        "is_admin": StaffRole.ADMIN in roles,
    }
    return render(request, "stafettlogg/mine.html", context)


@staff_area
@sensitive_post_parameters("child_fnr")
def log_new(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    holder_roles = [
        m
        for m in account_selectors.memberships(municipality, request.user)
        if m.role in (StaffRole.HOLDER, StaffRole.ACTOR)
    ]
    if not holder_roles:
        raise PermissionDenied
    form = LogCreateForm(request.POST or None, memberships=holder_roles)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        holder = data.pop("unit", None) or holder_roles[0]
        try:
            log = services.log_create(
                actor_from_request(request, "stafettholder"),
                municipality=municipality,
                holder=holder,
                **data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The log is created. Add the guardians next."))
            return redirect("stafettlogg:guardian_add", log.pk)
    return render(request, "stafettlogg/log_new.html", {"form": form})


@staff_area
def log_detail(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.VIEW)
    record(actor, "log.view", municipality_id=log.municipality_id, log_id=log.pk)
    content = selectors.log_summary(log, access.consents)
    options = measure_status_options()
    for measure in content.measures.items:
        measure.status_options = options[measure.status]
    context = {
        "log": log,
        "access": access,
        "content": content,
        "can": {action.value: access.can(action) for action in Action},
    }
    # The page's content is a Jinja2 template, in the site's chrome (ADR 011).
    body = render_to_string("stafettlogg/log_body.html", context, request, using="jinja2")
    # Safe: Jinja2 escaped every value in it (autoescape); it returns a plain str.
    body = mark_safe(body)  # noqa: S308
    return render(request, "stafettlogg/log_detail.html", {"log": log, "body": body})


@staff_area
def log_timeline(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.VIEW)
    record(actor, "log.timeline", municipality_id=log.municipality_id, log_id=log.pk)
    section = request.GET.get("vis")
    if section not in selectors.TIMELINE_SECTIONS:
        section = None
    rows = selectors.timeline_rows(log, section)
    page = Paginator(rows, selectors.TIMELINE_PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "log": log,
        "access": access,
        "page_obj": page,
        "items": [selectors.TimelineItem(*row) for row in page.object_list],
        "section": section,
        "query": urlencode({"vis": section}) if section else "",
    }
    return render(request, "stafettlogg/timeline.html", context)


@staff_area
def access_history(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.VIEW_ACCESS_LOG)
    record(actor, "access_log.view", municipality_id=log.municipality_id, log_id=log.pk)
    context = {"log": log, "access": access, "events": selectors.access_history(log)[:500]}
    return render(request, "stafettlogg/access_history.html", context)


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
def archive_download(request: MunicipalRequest, log_id: str) -> HttpResponseBase:
    log, access, actor = _load(request, log_id, Action.VIEW)
    archive = LogArchive.objects.filter(log=log).first()
    if archive is None:
        raise Http404
    if not access.can(Action.DOWNLOAD_ARCHIVE):
        raise PermissionDenied
    record(actor, "log.archive_download", municipality_id=log.municipality_id, log_id=log.pk)
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename="stafettlogg-arkiv.pdf",
        content_type="application/pdf",
    )


@staff_area
def export_json(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.EXPORT)
    record(actor, "log.export", municipality_id=log.municipality_id, log_id=log.pk)
    response = JsonResponse(
        archive_module.export_for_family(log),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="stafettlogg.json"'
    return response


@staff_area
@require_POST
def log_activate(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.ACTIVATE)
    services.log_activate(actor, log)
    messages.success(request, _("The log is active. Add participants, goals and measures."))
    return redirect(_log_url(log))


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


@staff_area
def log_close(request: MunicipalRequest, log_id: str) -> HttpResponse:
    log, access, actor = _load(request, log_id, Action.CLOSE)
    form: Form = (
        FamilyCloseForm(request.POST or None)
        if access.is_family
        else CloseForm(request.POST or None)
    )
    return _log_form(
        request,
        log,
        form,
        lambda data: services.log_close(
            actor,
            log,
            reason="guardians" if access.is_family else data["reason"],
            note=data.get("note", ""),
        ),
        _("The log is closed."),
        title=_("Close the log"),
        submit=_("Close the log"),
        danger=True,
    )


# Administration ----------------------------------------------------------------------------


def _staff_form_post(
    request: MunicipalRequest, roles: list[str], units: Any, actor_role: str
) -> tuple[StaffForm, bool]:
    form = StaffForm(
        request.POST if request.POST.get("form") == "staff" else None, roles=roles, units=units
    )
    if request.POST.get("form") == "staff" and form.is_valid():
        data = form.cleaned_data
        try:
            account_services.staff_create(
                actor_from_request(request, actor_role),
                request.municipality,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
                password=data["password"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                _apply_errors(form, error)
            else:
                form.add_error("password", error)
        else:
            messages.success(request, _("The account is created."))
            return form, True
    return form, False


@staff_area
@sensitive_post_parameters("password")
def unit_page(request: MunicipalRequest) -> HttpResponse:
    """For unit leaders: create stafettholders and participants in the unit; see the unit's
    logs as metadata only (no child, no content)."""
    municipality = request.municipality
    units = account_selectors.units_led_by(municipality, request.user)
    if not units.exists():
        raise PermissionDenied
    form, created = _staff_form_post(
        request, [StaffRole.HOLDER, StaffRole.ACTOR], units, "enhetsleder"
    )
    if created:
        return redirect("stafettlogg:unit")
    overview = [
        (
            unit,
            StaffMembership.objects.filter(unit=unit)
            .select_related("user")
            .order_by("user__first_name"),
            selectors.unit_log_overview(unit),
        )
        for unit in units
    ]
    return render(request, "stafettlogg/unit.html", {"overview": overview, "form": form})


@staff_area
@sensitive_post_parameters("password")
def administration(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    if not account_selectors.has_role(municipality, request.user, [StaffRole.ADMIN]):
        raise PermissionDenied
    actor = actor_from_request(request, "kommuneadministrator")
    units = Unit.objects.filter(municipality=municipality)
    settings_obj = selectors.log_settings(municipality)
    which = request.POST.get("form")
    unit_form = UnitForm(request.POST if which == "unit" else None, prefix="unit")
    category_form = CategoryForm(request.POST if which == "category" else None, prefix="cat")
    settings_form = LogSettingsForm(
        request.POST if which == "settings" else None,
        initial={
            "consent_months": settings_obj.consent_months,
            "youth_consent_age": settings_obj.youth_consent_age,
            "evaluation_notice_days": settings_obj.evaluation_notice_days,
            "retention_months": settings_obj.retention_months,
        },
        prefix="set",
    )
    staff_form, created = _staff_form_post(
        request, [StaffRole.UNIT_LEADER], units, "kommuneadministrator"
    )
    if created:
        return redirect("stafettlogg:administration")
    if which == "unit" and unit_form.is_valid():
        try:
            account_services.unit_create(actor, municipality, unit_form.cleaned_data["name"])
        except ValidationError as error:
            _apply_errors(unit_form, error)
        else:
            messages.success(request, _("The unit is created."))
            return redirect("stafettlogg:administration")
    if which == "category" and category_form.is_valid():
        services.attention_categories_ensure(municipality, [category_form.cleaned_data["name"]])
        record(actor, "category.create", municipality_id=municipality.pk)
        messages.success(request, _("The area of attention is added."))
        return redirect("stafettlogg:administration")
    if which == "settings" and settings_form.is_valid():
        for key, value in settings_form.cleaned_data.items():
            setattr(settings_obj, key, value)
        settings_obj.save()
        record(actor, "settings.change", municipality_id=municipality.pk)
        messages.success(request, _("The settings are saved."))
        return redirect("stafettlogg:administration")
    context = {
        "units": units.prefetch_related("memberships__user"),
        "categories": municipality.attention_categories.all(),
        "unit_form": unit_form,
        "staff_form": staff_form,
        "category_form": category_form,
        "settings_form": settings_form,
    }
    return render(request, "stafettlogg/administration.html", context)
