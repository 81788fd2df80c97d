"""What the stafettlogg's views share: the log looked up with the user's access, and the form
page of an entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.services import Actor, actor_from_request
from municipalities.http import MunicipalRequest
from stafettlogg import selectors
from stafettlogg.access import Action, LogAccess
from stafettlogg.models import Log


def _load(request: MunicipalRequest, log_id: str, action: Action) -> tuple[Log, LogAccess, Actor]:
    """The log if the user may see it (404 otherwise, so that nothing tells a log exists) and
    may do ``action`` (403 otherwise)."""
    log = selectors.log_in_municipality(request.municipality, log_id)
    if log is None:
        raise Http404
    access = selectors.access_for(request.user, log)
    if not access.can(Action.VIEW):
        raise Http404
    if not access.can(action):
        raise PermissionDenied
    return log, access, actor_from_request(request, access.role.value)


def _apply_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _log_url(log: Log) -> str:
    return reverse("stafettlogg:log", args=[log.pk])


def _log_form(
    request: HttpRequest,
    log: Log,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    success: str,
    template: str = "stafettlogg/form_page.html",
    **context: Any,
) -> HttpResponse:
    """A form on one log: when a POST is valid, ``save`` calls the service with the cleaned
    data; the service's ValidationError goes back to the form (nothing is saved), otherwise
    ``success`` is shown on the log. The form page otherwise."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_log_url(log))
    return render(request, template, {"log": log, "form": form, **context})
