"""The grant project in the municipality's admin: the project page (overview, timeline,
training coverage, weaknesses), registering the grant decision, the project's details and its
groups. Milestones, training and weaknesses have their own modules; all share ``load``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Actor, actor_from_request
from grants.access import GrantAccess, GrantAction, access_for, municipal_project_access
from grants.forms_project import MemberForm, ProjectForm, RegisterForm
from grants.models import GrantProject, GroupKind
from grants.selectors.milestones import milestones_of
from grants.selectors.project import member_in, members_of
from grants.selectors.training import training_coverage
from grants.selectors.weaknesses import weaknesses_of
from grants.services.project import member_add, member_remove, project_register, project_update
from municipalities.models import Municipality
from municipalities.register import KORUS_REGIONS

_ACCESS_ATTRIBUTE = "_grant_project_access"


@dataclass(frozen=True)
class Context:
    """What every view of the project works from: the municipality of the URL's number, its
    project (None before the decision is registered) and what the user may do."""

    municipality: Municipality
    project: GrantProject | None
    access: GrantAccess
    request: HttpRequest

    @property
    def may_edit(self) -> bool:
        return self.access.can(GrantAction.EDIT_PROJECT)

    @property
    def actor(self) -> Actor:
        return actor_from_request(self.request, self.access.role)

    def require_project(self) -> GrantProject:
        if self.project is None:
            raise Http404
        return self.project


def load(request: HttpRequest, number: str, *, edit: bool = False) -> Context:
    """The municipality and project of ``number``: 404 for those who may not see the project
    (the admin's gate refuses other municipalities before this), and for a reader when
    ``edit`` (as the review's views answer a reader's POST)."""
    municipality = (
        Municipality.objects.select_related("site__root_page", "grant_project__mandate_document")
        .filter(number=number)
        .first()
    )
    if municipality is None:
        raise Http404
    access = access_for(request.user, municipality)
    if not access.can(GrantAction.VIEW_PROJECT):
        raise Http404
    if edit and not access.can(GrantAction.EDIT_PROJECT):
        raise Http404
    project = getattr(municipality, "grant_project", None)
    return Context(municipality, project, access, request)


def project_access(request: HttpRequest) -> list[tuple[Municipality, GrantAccess]]:
    """``municipal_project_access`` once per request (the menu and the dashboard both ask)."""
    found = getattr(request, _ACCESS_ATTRIBUTE, None)
    if found is None:
        found = municipal_project_access(request.user)
        setattr(request, _ACCESS_ATTRIBUTE, found)
    return found


def render(request: HttpRequest, template: str, context: Context, **extra: object) -> HttpResponse:
    return TemplateResponse(
        request,
        f"grants/admin/{template}",
        {
            "municipality": context.municipality,
            "project": context.project,
            "may_edit": context.may_edit,
            **extra,
        },
    )


def form_error(form: Form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def project_index(request: HttpRequest) -> HttpResponse:
    """The admin menu's entry: the user's own municipality's project, or a list to choose from
    (national administrators: every municipality)."""
    if request.user.is_superuser:
        municipalities = list(Municipality.objects.select_related("grant_project").order_by("name"))
    else:
        municipalities = [municipality for municipality, _access in project_access(request)]
        if len(municipalities) == 1:
            return redirect("grants_project", number=municipalities[0].number)
    page = Paginator(municipalities, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "grants/admin/project_index.html", {"page": page, "paginator": page.paginator}
    )


def project_detail(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number)
    project = context.project
    if project is None:
        return render(request, "project_empty.html", context)
    today = timezone.localdate()
    milestones = milestones_of(project)
    members = members_of(project)
    groups = [
        (value, label, [member for member in members if member.group == value])
        for value, label in GroupKind.choices
    ]
    region = context.municipality.korus_region
    return render(
        request,
        "project.html",
        context,
        today=today,
        milestones=milestones,
        overdue_count=sum(1 for milestone in milestones if milestone.is_overdue(today)),
        groups=groups,
        korus=KORUS_REGIONS.get(region, ""),
        coverage=training_coverage(project),
        weaknesses=list(weaknesses_of(project)),
    )


def project_register_view(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number, edit=True)
    if context.project is not None:
        return redirect("grants_project", number=number)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project_register(
                context.actor,
                context.municipality,
                decision_date=form.cleaned_data["decision_date"],
                amount_development=form.cleaned_data["amount_development"],
                amount_implementation=form.cleaned_data["amount_implementation"],
                project_leader=request.user.get_full_name()
                if request.user.is_authenticated
                else "",
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The grant decision is registered, and the milestones are on the timeline."),
            )
            return redirect("grants_project", number=number)
    return render(request, "project_register.html", context, form=form)


def project_edit(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number, edit=True)
    project = context.require_project()
    fields = [name for name in ProjectForm.base_fields if name != "mandate_file"]
    initial = {name: getattr(project, name) for name in fields}
    form = ProjectForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project_update(
                context.actor,
                project,
                user=request.user,
                mandate_file=form.cleaned_data["mandate_file"],
                **{name: form.cleaned_data[name] for name in fields},
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The project's details are saved."))
            return redirect("grants_project", number=number)
    return render(request, "project_edit.html", context, form=form)


def members(request: HttpRequest, number: str) -> HttpResponse:
    """The project, steering and reference groups: the list, and adding a member."""
    context = load(request, number)
    project = context.require_project()
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not context.may_edit:
            raise Http404
        if form.is_valid():
            try:
                member_add(context.actor, project, **form.cleaned_data)
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The member is added."))
                return redirect("grants_members", number=number)
    found = members_of(project)
    groups = [
        (value, label, [member for member in found if member.group == value])
        for value, label in GroupKind.choices
    ]
    return render(request, "members.html", context, form=form, groups=groups)


def member_delete(request: HttpRequest, number: str, member_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    member = member_in(context.municipality, member_id)
    if member is None:
        raise Http404
    if request.method == "POST":
        member_remove(context.actor, member)
        messages.success(request, _("The member is removed from the group."))
        return redirect("grants_members", number=number)
    return render(
        request,
        "confirm_delete.html",
        context,
        title=_("Remove a member"),
        question=_("Remove %(name)s from the %(group)s?")
        % {"name": member.name, "group": member.get_group_display()},
        back_url=reverse("grants_members", args=[number]),
    )
