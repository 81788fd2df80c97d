"""Resolve the tenant (municipality) from the request's host and use its written standard."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Site

from municipalities.models import Municipality


class MunicipalityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = Site.find_for_request(request)
        municipality = None
        if site is not None and not site.is_default_site:
            municipality = (
                Municipality.objects.select_related("site__root_page").filter(site=site).first()
            )
        request.municipality = municipality  # type: ignore[attr-defined]
        language = municipality.language if municipality else "nb"
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
