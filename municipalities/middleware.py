"""Resolve the tenant (municipality) from the request's host and use its written standard."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from municipalities.http import TenantRequest
from municipalities.selectors import municipality_for_site, site_for_request


class MunicipalityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: TenantRequest) -> HttpResponse:
        municipality = municipality_for_site(site_for_request(request))
        request.municipality = municipality
        language = municipality.language if municipality else "nb"
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
