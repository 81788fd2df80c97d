"""Mine logger and a new log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts import selectors as account_selectors
from accounts.decorators import staff_area
from accounts.models import StaffRole
from audit.services import actor_from_request
from municipalities.http import MunicipalRequest
from stafettlogg import selectors, services
from stafettlogg.access import LOG_CREATOR_ROLES
from stafettlogg.forms import (
    LogCreateForm,
)
from stafettlogg.views.common import _apply_errors


@staff_area
def mine(request: MunicipalRequest) -> HttpResponse:
    municipality = request.municipality
    roles = account_selectors.staff_roles(municipality, request.user)
    context = {
        "items": selectors.my_logs(municipality, request.user),
        "can_create": bool(roles & set(LOG_CREATOR_ROLES)),
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
        if m.role in LOG_CREATOR_ROLES
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
