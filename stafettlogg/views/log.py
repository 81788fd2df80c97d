"""Reading one log (its page, timeline, access history, archive and export), starting it and
closing it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_area
from audit.services import record
from municipalities.http import MunicipalRequest
from stafettlogg import archive as archive_module
from stafettlogg import selectors, services
from stafettlogg.access import Action
from stafettlogg.forms import (
    CloseForm,
    FamilyCloseForm,
    measure_status_options,
)
from stafettlogg.models import LogArchive
from stafettlogg.views.common import _load, _log_form, _log_url


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
