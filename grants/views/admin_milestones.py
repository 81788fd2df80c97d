"""The project's milestones in the admin: change one, add one of the municipality's own,
delete one of those (after a confirmation page), mark one done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grants.forms_project import MilestoneForm
from grants.models import Milestone, MilestoneKind
from grants.selectors.milestones import milestone_in
from grants.services.milestones import (
    MILESTONE_FIELDS,
    milestone_add,
    milestone_delete,
    milestone_done,
    milestone_update,
)
from grants.views.admin_project import Context, form_error, load, render


def _milestone(context: Context, milestone_id: int) -> Milestone:
    context.require_project()
    milestone = milestone_in(context.municipality, milestone_id)
    if milestone is None:
        raise Http404
    return milestone


def _timeline(number: str) -> HttpResponse:
    return redirect(reverse("grants_project", args=[number]) + "#milestones-heading")


def milestone_edit(request: HttpRequest, number: str, milestone_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    milestone = _milestone(context, milestone_id)
    initial = {name: getattr(milestone, name) for name in MILESTONE_FIELDS}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_update(context.actor, milestone, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The milestone is saved."))
            return _timeline(number)
    return render(
        request,
        "milestone_form.html",
        context,
        form=form,
        milestone=milestone,
        may_delete=milestone.kind == MilestoneKind.OTHER,
    )


def milestone_add_view(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number, edit=True)
    project = context.require_project()
    form = MilestoneForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_add(context.actor, project, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The milestone is added to the timeline."))
            return _timeline(number)
    return render(request, "milestone_form.html", context, form=form, milestone=None)


@require_POST
def milestone_done_view(request: HttpRequest, number: str, milestone_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    milestone = _milestone(context, milestone_id)
    try:
        milestone_done(context.actor, milestone)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": milestone.title})
    return _timeline(number)


def milestone_delete_view(request: HttpRequest, number: str, milestone_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    milestone = _milestone(context, milestone_id)
    back = reverse("grants_milestone", args=[number, milestone.pk])
    if milestone.kind != MilestoneKind.OTHER:
        messages.error(
            request,
            _(
                "The scheme's milestones cannot be deleted. Change the due date or the status "
                "instead."
            ),
        )
        return redirect(back)
    if request.method == "POST":
        try:
            milestone_delete(context.actor, milestone)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, _("The milestone is deleted."))
        return _timeline(number)
    return render(
        request,
        "confirm_delete.html",
        context,
        title=_("Delete a milestone"),
        question=_("Delete the milestone “%(title)s”? This cannot be undone.")
        % {"title": milestone.title},
        back_url=back,
    )
