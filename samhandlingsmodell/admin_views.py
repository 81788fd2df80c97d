"""Modellsjekk in the Wagtail admin, sending the whole model for approval and approving it,
and the editor guides: only for the municipalities the user edits or approves."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from municipalities.selectors import municipalities_administered_by
from samhandlingsmodell import modellsjekk, next_steps, services


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


def _administered(request: HttpRequest, number: str):  # type: ignore[no-untyped-def]
    municipality = municipalities_administered_by(request.user).filter(number=number).first()
    if municipality is None:
        raise Http404
    return municipality


def model_submit(request: HttpRequest, number: str) -> HttpResponse:
    """Send every changed page of the model for approval at once (the dashboard's next step)."""
    municipality = _administered(request, number)
    if request.method == "POST":
        sent = services.model_submit_for_approval(municipality, request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s page was sent for approval.",
                "%(count)s pages were sent for approval.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("wagtailadmin_home")
    waiting = next_steps.pages_waiting_for_submission(municipality.site.root_page)
    return TemplateResponse(
        request,
        "samhandlingsmodell/admin/model_submit.html",
        {"municipality": municipality, "waiting": waiting},
    )


@require_POST
def model_approve(request: HttpRequest, number: str) -> HttpResponse:
    """Approve every page of the model that waits for this approver, and so publish it."""
    municipality = _administered(request, number)
    approved = services.model_approve(municipality, request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s page was approved and published.",
            "%(count)s pages were approved and published.",
            approved,
        )
        % {"count": approved},
    )
    return redirect("wagtailadmin_home")


def render_editor_guide(
    request: HttpRequest, title: str | Promise, template_base: str
) -> HttpResponse:
    """One of the project's short editor guides, in the user's written standard: the guide's
    text is in ``<template_base>.nb.html`` and ``<template_base>.nn.html``."""
    language = "nn" if get_language() == "nn" else "nb"
    return TemplateResponse(
        request,
        "samhandlingsmodell/admin/editor_guide.html",
        {"title": title, "guide_template": f"{template_base}.{language}.html"},
    )


def model_guide(request: HttpRequest) -> HttpResponse:
    return render_editor_guide(
        request, _("Editor guide: the model"), "samhandlingsmodell/admin/guide/modell"
    )


def modellsjekk_guide(request: HttpRequest) -> HttpResponse:
    return render_editor_guide(
        request, _("Editor guide: Modellsjekk"), "samhandlingsmodell/admin/guide/modellsjekk"
    )
