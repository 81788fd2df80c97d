"""The request as the tenant middleware leaves it, for the type checker: a view or function
that reads the request's municipality takes one of these instead of ``HttpRequest``."""

from __future__ import annotations

from django.http import HttpRequest

from municipalities.models import Municipality


class TenantRequest(HttpRequest):
    """A request after ``MunicipalityMiddleware``: the municipality whose host it came to, or
    None on a host without one (the national front page)."""

    municipality: Municipality | None


class MunicipalRequest(TenantRequest):
    """A request on a municipality's host, as a view behind ``accounts.decorators.staff_area``
    gets it (the decorator answers 404 on any other host)."""

    municipality: Municipality
