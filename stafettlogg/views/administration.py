"""The unit leader's page and the municipal administrator's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.decorators import staff_area
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import actor_from_request
from municipalities.http import MunicipalRequest
from stafettlogg import selectors, services
from stafettlogg.access import ROLES_CREATED_BY
from stafettlogg.forms import (
    CategoryForm,
    LogSettingsForm,
    StaffForm,
    UnitForm,
)
from stafettlogg.views.common import _apply_errors


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
        request, ROLES_CREATED_BY[StaffRole.UNIT_LEADER], units, "enhetsleder"
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
        request, ROLES_CREATED_BY[StaffRole.ADMIN], units, "kommuneadministrator"
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
        services.attention_category_add(actor, municipality, category_form.cleaned_data["name"])
        messages.success(request, _("The area of attention is added."))
        return redirect("stafettlogg:administration")
    if which == "settings" and settings_form.is_valid():
        services.log_settings_change(actor, municipality, **settings_form.cleaned_data)
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
