"""The statistics' pages on a municipality's host (/statistikk/): the anonymous registration,
its receipt, and the leaders' statistics page. Thin: access from ``stats.access``, reads from
``stats.selectors``, the write in ``stats.services``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.decorators import staff_area
from audit.services import actor_from_request
from municipalities.http import MunicipalRequest
from stats import selectors, services
from stats.access import StatsAccess, StatsAction, access_for
from stats.forms import PeriodForm, RegistrationForm
from stats.periods import period_from


def _access(request: MunicipalRequest, action: StatsAction) -> StatsAccess:
    access = access_for(request.user, request.municipality)
    if not access.can(action):
        raise Http404
    request.stats_access = access  # type: ignore[attr-defined]  # for the menu
    return access


@staff_area
def register(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    access = _access(request, StatsAction.REGISTER)
    units = selectors.registration_units(municipality, request.user)
    categories = selectors.registration_categories(municipality)
    form = RegistrationForm(request.POST or None, units=units, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_add(
                actor_from_request(request, "staff"), municipality, **form.cleaned_data
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("stats:receipt")
    context: dict[str, Any] = {
        "form": form,
        "nav": "register",
        "can_view_statistics": access.can(StatsAction.VIEW_STATISTICS),
    }
    return render(request, "stats/register.html", context)


@staff_area
def receipt(request: MunicipalRequest) -> HttpResponse:
    access = _access(request, StatsAction.REGISTER)
    context = {"nav": "register", "can_view_statistics": access.can(StatsAction.VIEW_STATISTICS)}
    return render(request, "stats/receipt.html", context)


@staff_area
def statistics_page(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    _access(request, StatsAction.VIEW_STATISTICS)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    period, period_error = period_from(data, today)
    context = {
        "form": form,
        "period": period,
        "period_error": period_error,
        "statistics": selectors.statistics(municipality, period),
        "nav": "statistics",
    }
    return render(request, "stats/statistics.html", context)
