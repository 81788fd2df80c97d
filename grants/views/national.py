"""The national advisers' area on the national host (/tilskudd/): the municipalities in the
adviser's care with their projects' status, and one project's page (read-only). Bufdir's
review of a round is in ``national_review``.

Every view is behind ``accounts.decorators.national_area`` (two factors, the national host, a
national role or a national administrator) and asks ``grants.access`` about the municipality
of its number: a municipality outside the adviser's care is not found (404).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.decorators import national_area
from accounts.selectors import NationalRoles
from audit.services import actor_from_request, record
from grants.access import GrantAccess, GrantAction, access_for
from grants.models import GrantProject
from grants.selectors import national
from grants.views.report import report_download
from municipalities.models import Municipality
from municipalities.register import KORUS_REGIONS


def roles_of(request: HttpRequest) -> NationalRoles:
    return getattr(request, "national_roles", NationalRoles())


def project_in_care(
    request: HttpRequest, number: str, action: str = GrantAction.VIEW_PROJECT
) -> tuple[Municipality, GrantProject, GrantAccess]:
    """The municipality of ``number``, its project and the user's access, or 404 when the
    municipality is outside the user's care, has no project, or ``action`` is not theirs."""
    municipality = (
        Municipality.objects.select_related("site", "grant_project").filter(number=number).first()
    )
    if municipality is None:
        raise Http404
    access = access_for(request.user, municipality, national=roles_of(request))
    project = getattr(municipality, "grant_project", None)
    if project is None or not access.can(action):
        raise Http404
    return municipality, project, access


def audit_read(
    request: HttpRequest, access: GrantAccess, project: GrantProject, **detail: object
) -> None:
    """An adviser's read of a project or round is in the audit trail (ADR 016)."""
    record(
        actor_from_request(request, access.role),
        "grant.view",
        municipality_id=project.municipality_id,
        obj=project,
        detail=dict(detail),
    )


class OverviewFilter(forms.Form):
    county = forms.ChoiceField(label=_("County"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, care: national.Care, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        all_: list[tuple[str, Any]] = [("", _("All"))]
        cast(forms.ChoiceField, self.fields["county"]).choices = all_ + national.county_choices(
            care
        )
        cast(forms.ChoiceField, self.fields["status"]).choices = all_ + national.STATUS_CHOICES
        for item in self.fields.values():
            item.widget.attrs["class"] = "ds-input"


def role_label(request: HttpRequest) -> str:
    """The user's role, as the menu shows it."""
    roles = roles_of(request)
    labels = []
    if roles.bufdir:
        labels.append(str(_("Adviser at Bufdir")))
    for region in sorted(roles.korus_regions):
        name = KORUS_REGIONS.get(region, region)
        labels.append(str(_("Adviser at %(centre)s")) % {"centre": name})
    if not labels and request.user.is_superuser:
        labels.append(str(_("National administrator")))
    return "; ".join(labels)


@dataclass(frozen=True)
class OverviewLine:
    """One row of the overview, as text: the page is the advisers' busiest, and a row
    formatted here costs a fraction of the same row built in the template."""

    name: str
    url: str
    county: str
    decision: str
    status: str
    status_url: str
    status_meta: str
    next_title: str
    next_date: str
    overdue: int
    overdue_meta: str
    coverage: str


def overview_lines(rows: list[national.OverviewRow]) -> list[OverviewLine]:
    base = reverse("grants:overview")  # the project's address is <base><number>/
    round_text = _("Round %(number)s, %(date)s")
    oldest_text = _("Oldest: %(title)s (%(date)s)")
    formatted: dict[datetime.date, str] = {}

    def day(value: datetime.date) -> str:
        if value not in formatted:
            formatted[value] = date_format(value, "j. M Y")
        return formatted[value]

    lines = []
    for row in rows:
        municipality = row.municipality
        url = f"{base}{municipality.number}/"
        status_url = status_meta = ""
        if row.latest is not None and row.status_date is not None:
            status_url = f"{url}runder/{row.latest.round}/"
            status_meta = str(round_text) % {
                "number": row.latest.round,
                "date": day(timezone.localtime(row.status_date).date()),
            }
        oldest = row.overdue[0] if row.overdue else None
        lines.append(
            OverviewLine(
                name=municipality.name,
                url=url,
                county=municipality.county_name or "–",
                decision=day(row.project.decision_date),
                status=str(row.status_label),
                status_url=status_url,
                status_meta=status_meta,
                next_title=row.next_milestone.title if row.next_milestone else "–",
                next_date=day(row.next_milestone.due_date) if row.next_milestone else "",
                overdue=len(row.overdue),
                overdue_meta=str(oldest_text)
                % {"title": oldest.title, "date": day(oldest.due_date)}
                if oldest
                else "",
                coverage=f"{row.coverage.percent} %" if row.coverage.percent is not None else "–",
            )
        )
    return lines


@national_area
def overview(request: HttpRequest) -> HttpResponse:
    """The municipalities in the adviser's care, with their projects' status."""
    care = national.care_of(request.user, roles_of(request))
    form = OverviewFilter(care, request.GET or None)
    county = status = ""
    if form.is_valid():
        county = form.cleaned_data["county"]
        status = form.cleaned_data["status"]
    found, rows = national.overview(
        care,
        today=timezone.localdate(),
        county=county,
        status=status,
        page=request.GET.get("side", 1),
    )
    query = urlencode({k: v for k, v in (("county", county), ("status", status)) if v})
    return TemplateResponse(
        request,
        "grants/national/overview.html",
        {
            "form": form,
            "rows": overview_lines(rows),
            "page_obj": found,
            "query": query,
            "filtered": bool(county or status),
            "role_label": role_label(request),
            "nav": "grants",
        },
    )


@national_area
def project(request: HttpRequest, number: str) -> HttpResponse:
    """One municipality's project, read-only: facts, milestones, training, weaknesses, the
    published model and Bufdir's rounds."""
    municipality, project_, access = project_in_care(request, number)
    today = timezone.localdate()
    view = national.project_view(project_, today=today)
    audit_read(request, access, project_, what="project")
    return TemplateResponse(
        request,
        "grants/national/project.html",
        {
            "kommune": municipality,
            "project": project_,
            "view": view,
            "today": today,
            "korus_name": KORUS_REGIONS.get(municipality.korus_region, ""),
            "model_url": municipality.site.root_url + "/",
            "role_label": role_label(request),
            "nav": "grants",
        },
    )


@national_area
def report(request: HttpRequest, number: str, kind: str, file_format: str) -> HttpResponse:
    """The status or final report of a municipality in the adviser's care, as the
    municipality downloads it (same access rule and audit)."""
    municipality, _project, _access = project_in_care(request, number)
    return report_download(request, municipality, kind, file_format)
