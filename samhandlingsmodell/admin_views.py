"""Modellsjekk in the Wagtail admin: only the municipalities the user edits or approves."""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from municipalities.models import Municipality
from samhandlingsmodell import modellsjekk


def municipalities_for_editor(user: object) -> QuerySet[Municipality]:
    queryset = Municipality.objects.select_related("site")
    if getattr(user, "is_superuser", False):
        return queryset
    groups = user.groups.all()  # type: ignore[attr-defined]
    return queryset.filter(Q(editors__in=groups) | Q(approvers__in=groups)).distinct()


def modellsjekk_index(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_for_editor(request.user))
    if len(municipalities) == 1:
        return redirect("modellsjekk_report", number=municipalities[0].number)
    return TemplateResponse(
        request,
        "samhandlingsmodell/admin/modellsjekk_index.html",
        {"municipalities": municipalities},
    )


def modellsjekk_report(request: HttpRequest, number: str) -> HttpResponse:
    municipality = municipalities_for_editor(request.user).filter(number=number).first()
    if municipality is None:
        raise Http404
    report = modellsjekk.run(municipality)
    return TemplateResponse(
        request, "samhandlingsmodell/admin/modellsjekk_report.html", {"report": report}
    )
