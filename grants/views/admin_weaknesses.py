"""Weaknesses and gaps, and the improvement measures that answer them, in the admin: the list,
adding, changing and deleting one (after a confirmation page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from grants.forms_project import WeaknessForm
from grants.models import Weakness
from grants.selectors.weaknesses import model_pages, weakness_in, weaknesses_of
from grants.services.weaknesses import (
    WEAKNESS_FIELDS,
    weakness_add,
    weakness_delete,
    weakness_update,
)
from grants.views.admin_project import Context, form_error, load, render

PAGE_SIZE = 25


def _weakness(context: Context, weakness_id: int) -> Weakness:
    context.require_project()
    weakness = weakness_in(context.municipality, weakness_id)
    if weakness is None:
        raise Http404
    return weakness


def _form(request: HttpRequest, context: Context, **kwargs: object) -> WeaknessForm:
    root = context.municipality.site.root_page
    return WeaknessForm(
        request.POST or None,
        pages=model_pages(context.municipality),
        root_depth=root.depth,
        **kwargs,  # type: ignore[arg-type]
    )


def weakness_index(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number)
    project = context.require_project()
    page = Paginator(weaknesses_of(project), PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "weakness_index.html", context, page=page, paginator=page.paginator)


def weakness_add_view(request: HttpRequest, number: str) -> HttpResponse:
    context = load(request, number, edit=True)
    project = context.require_project()
    form = _form(request, context)
    if request.method == "POST" and form.is_valid():
        try:
            weakness_add(context.actor, project, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The weakness and its measure are recorded."))
            return redirect("grants_weaknesses", number=number)
    return render(request, "weakness_form.html", context, form=form, weakness=None)


def weakness_edit(request: HttpRequest, number: str, weakness_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    weakness = _weakness(context, weakness_id)
    initial = {name: getattr(weakness, name) for name in WEAKNESS_FIELDS}
    form = _form(request, context, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            weakness_update(context.actor, weakness, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The weakness and its measure are saved."))
            return redirect("grants_weaknesses", number=number)
    return render(request, "weakness_form.html", context, form=form, weakness=weakness)


def weakness_delete_view(request: HttpRequest, number: str, weakness_id: int) -> HttpResponse:
    context = load(request, number, edit=True)
    weakness = _weakness(context, weakness_id)
    if request.method == "POST":
        weakness_delete(context.actor, weakness)
        messages.success(request, _("The weakness and its measure are deleted."))
        return redirect("grants_weaknesses", number=number)
    return render(
        request,
        "confirm_delete.html",
        context,
        title=_("Delete a weakness"),
        question=_("Delete the weakness “%(text)s” and its measure? This cannot be undone.")
        % {"text": str(weakness)},
        back_url=reverse("grants_weakness_edit", args=[number, weakness.pk]),
    )
