"""The report to Bufdir as a download: the status report or the final report, as PDF or DOCX,
for everyone who may read the municipality's project (``GrantAction.VIEW_PROJECT``). Every
download is in the audit trail.

``report_download`` takes the municipality, so that the national side can mount it under its
own URLs; ``report_pdf`` and ``report_docx`` are the municipality's admin views."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

from audit.services import actor_from_request, record
from grants import report
from grants.access import GrantAction, access_for
from grants.selectors.report import ReportKind, report_data
from municipalities.models import Municipality

FORMATS = ("pdf", "docx")


def report_download(
    request: HttpRequest, municipality: Municipality, kind: str, file_format: str
) -> HttpResponse:
    """The report of ``kind`` ("status" or "slutt") for ``municipality`` in ``file_format``;
    404 for someone who may not read the project, and for an unknown kind or format."""
    if kind not in set(ReportKind) or file_format not in FORMATS:
        raise Http404
    access = access_for(request.user, municipality)
    if not access.can(GrantAction.VIEW_PROJECT):
        raise Http404
    data = report_data(municipality, kind)
    if data is None:
        raise Http404
    with translation.override(municipality.language):
        content, content_type, filename = report.render(data, file_format)
    record(
        actor_from_request(request, access.role),
        "grant.report_download",
        municipality_id=municipality.pk,
        obj=data.project,
        detail={"kind": kind, "format": file_format},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def _municipality(number: str) -> Municipality:
    municipality = Municipality.objects.select_related("site").filter(number=number).first()
    if municipality is None:
        raise Http404
    return municipality


def report_pdf(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    return report_download(request, _municipality(number), kind, "pdf")


def report_docx(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    return report_download(request, _municipality(number), kind, "docx")
