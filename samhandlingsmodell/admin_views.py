"""Modellsjekk in the Wagtail admin: only the municipalities the user edits or approves."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from municipalities.selectors import municipalities_administered_by
from samhandlingsmodell import modellsjekk


def modellsjekk_index(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_administered_by(request.user))
    if len(municipalities) == 1:
        return redirect("modellsjekk_report", number=municipalities[0].number)
    return TemplateResponse(
        request,
        "samhandlingsmodell/admin/modellsjekk_index.html",
        {"municipalities": municipalities},
    )


def modellsjekk_report(request: HttpRequest, number: str) -> HttpResponse:
    municipality = municipalities_administered_by(request.user).filter(number=number).first()
    if municipality is None:
        raise Http404
    report = modellsjekk.run(municipality)
    return TemplateResponse(
        request, "samhandlingsmodell/admin/modellsjekk_report.html", {"report": report}
    )
