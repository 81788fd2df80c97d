"""The national administrators' roles page in the Wagtail admin (/admin/tilskudd/roller/):
who is Bufdir's adviser, who is a KORUS adviser of which region, and who leads each
municipality's project; grant and revoke (with a confirmation). Superusers only (the admin
guard refuses every other user, and the views check again); the writes are accounts'
services, audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import services
from accounts.models import NationalRole, NationalRoleKind, StaffMembership, StaffRole
from audit.services import actor_from_request
from municipalities.models import Municipality
from municipalities.register import KORUS_REGIONS

ROLE = "national_admin"


def _user_named(form: forms.Form) -> Any:
    username = form.cleaned_data["username"].strip()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        form.add_error("username", gettext_lazy("No active user has this username."))
    return user


class NationalRoleForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=NationalRoleKind.choices)
    region = forms.ChoiceField(
        label=gettext_lazy("KORUS region"),
        required=False,
        help_text=gettext_lazy("Only for a KORUS adviser."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions: list[tuple[str, Any]] = [("", "–")] + list(KORUS_REGIONS.items())
        self.fields["region"].choices = regions  # type: ignore[attr-defined]


class ProjectLeaderForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    username = forms.CharField(
        label=gettext_lazy("Username"),
        max_length=150,
        help_text=gettext_lazy("A staff member of the municipality."),
    )


def _superuser(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise Http404


def _index(
    request: HttpRequest,
    national_form: NationalRoleForm | None = None,
    leader_form: ProjectLeaderForm | None = None,
) -> HttpResponse:
    leaders = Paginator(
        StaffMembership.objects.filter(role=StaffRole.PROJECT_LEADER)
        .select_related("user", "municipality")
        .order_by("municipality__name", "user__username"),
        50,
    ).get_page(request.GET.get("side"))
    return TemplateResponse(
        request,
        "grants/admin/roles.html",
        {
            "national_roles": NationalRole.objects.select_related("user").order_by(
                "role", "region", "user__username"
            ),
            "regions": KORUS_REGIONS,
            "page_obj": leaders,
            "national_form": national_form or NationalRoleForm(),
            "leader_form": leader_form or ProjectLeaderForm(),
        },
    )


def roles(request: HttpRequest) -> HttpResponse:
    _superuser(request)
    return _index(request)


@require_POST
def national_role_add(request: HttpRequest) -> HttpResponse:
    _superuser(request)
    form = NationalRoleForm(request.POST)
    if form.is_valid() and (user := _user_named(form)) is not None:
        try:
            services.national_role_grant(
                actor_from_request(request, ROLE),
                user,
                role=form.cleaned_data["role"],
                region=form.cleaned_data["region"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role is granted."))
            return redirect("grants_roles")
    return _index(request, national_form=form)


@require_POST
def project_leader_add(request: HttpRequest) -> HttpResponse:
    _superuser(request)
    form = ProjectLeaderForm(request.POST)
    if form.is_valid() and (user := _user_named(form)) is not None:
        try:
            services.project_leader_grant(
                actor_from_request(request, ROLE), form.cleaned_data["municipality"], user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role is granted."))
            return redirect("grants_roles")
    return _index(request, leader_form=form)


def national_role_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    _superuser(request)
    national = NationalRole.objects.select_related("user").filter(pk=role_id).first()
    if national is None:
        raise Http404
    if request.method == "POST":
        services.national_role_revoke(actor_from_request(request, ROLE), national)
        messages.success(request, _("The role is revoked."))
        return redirect("grants_roles")
    label = national.get_role_display()
    if national.region:
        label = f"{label}, {KORUS_REGIONS.get(national.region, national.region)}"
    return TemplateResponse(
        request, "grants/admin/role_revoke.html", {"holder": national.user, "label": label}
    )


def project_leader_revoke(request: HttpRequest, membership_id: int) -> HttpResponse:
    _superuser(request)
    membership = (
        StaffMembership.objects.filter(pk=membership_id, role=StaffRole.PROJECT_LEADER)
        .select_related("user", "municipality")
        .first()
    )
    if membership is None:
        raise Http404
    if request.method == "POST":
        services.project_leader_revoke(actor_from_request(request, ROLE), membership)
        messages.success(request, _("The role is revoked."))
        return redirect("grants_roles")
    label = f"{membership.get_role_display()}, {membership.municipality.name}"
    return TemplateResponse(
        request, "grants/admin/role_revoke.html", {"holder": membership.user, "label": label}
    )
