"""Resolve the tenant (municipality) from the request's host and use its written standard."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from municipalities.admin_scope import admin_scope
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


class AdminLanguageMiddleware:
    """In the admin, a municipal user works in the written standard of their municipality,
    whatever host they came by; Wagtail's account setting (``UserProfile.preferred_language``)
    still wins when the user has chosen one. Placed after the admin guard, which has already
    worked out the user's scope (so this costs no query)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.path.startswith("/admin/") and user is not None and user.is_authenticated:
            languages = admin_scope(user).languages
            if languages:
                translation.activate(languages[0])
                request.LANGUAGE_CODE = languages[0]
        return self.get_response(request)
