"""The training register in the admin: coverage per unit, the records (paginated), and adding,
changing and deleting a record (after a confirmation page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.forms_project import TrainingForm
from grants.models import TrainingRecord
from grants.selectors.training import training_coverage, training_in, trainings_of, units_of
from grants.services.training import (
    TRAINING_FIELDS,
    training_add,
    training_delete,
    training_update,
)
from grants.views.admin_project import Context, form_error, load, render

PAGE_SIZE = 25


def _training(context: Context, training_id: int) -> TrainingRecord:
    context.require_project()
    training = training_in(context.municipality, training_id)
    if training is None:
        raise Http404
    return training


def training_index(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number)
    project = context.require_project()
    page = Paginator(trainings_of(project), PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "training_index.html",
        context,
        coverage=training_coverage(project),
        page=page,
        paginator=page.paginator,
    )


def training_add_view(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number, edit=True)
    project = context.require_project()
    units = units_of(context.municipality)
    form = TrainingForm(
        request.POST or None, units=units, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            training_add(context.actor, project, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The training is recorded."))
            return redirect("grants_training", number=number)
    return render(request, "training_form.html", context, form=form, training=None)


def training_edit(request: HttpRequest, number: str, training_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    training = _training(context, training_id)
    initial = {name: getattr(training, name) for name in TRAINING_FIELDS}
    form = TrainingForm(request.POST or None, units=units_of(context.municipality), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training_update(context.actor, training, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The training is saved."))
            return redirect("grants_training", number=number)
    return render(request, "training_form.html", context, form=form, training=training)


def training_delete_view(request: HttpRequest, number: str, training_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    training = _training(context, training_id)
    if request.method == "POST":
        training_delete(context.actor, training)
        messages.success(request, _("The training is deleted."))
        return redirect("grants_training", number=number)
    return render(
        request,
        "confirm_delete.html",
        context,
        title=_("Delete a training"),
        question=_("Delete the training of %(unit)s on %(date)s? This cannot be undone.")
        % {"unit": training.unit.name, "date": training.held_on.strftime("%d.%m.%Y")},
        back_url=reverse("grants_training_edit", args=[number, training.pk]),
    )
