"""Decorators for the views of logged-in users."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from accounts.login_session import MUST_CHANGE_PASSWORD, fully_authenticated
from accounts.selectors import national_roles

View = Callable[..., HttpResponseBase]

# The advisers' choice of written standard on the national host (grants' language view sets it).
NATIONAL_LANGUAGE_COOKIE = "samhandling_sprak"
NATIONAL_LANGUAGES = ("nb", "nn")


def staff_area(view: View) -> View:
    """Logged in with two factors, on a municipality's host; never cached."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if getattr(request, "municipality", None) is None:
            raise Http404
        if not fully_authenticated(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:login')}?{query}")
        if request.session.get(MUST_CHANGE_PASSWORD):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:password')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper


def national_area(view: View) -> View:
    """For the national advisers (Bufdir, KORUS) and national administrators (superusers):
    logged in with two factors on the national host (no municipality), never cached. Other
    users get 404; ``request.national_roles`` holds the user's roles for the view."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if getattr(request, "municipality", None) is not None:
            raise Http404
        if not fully_authenticated(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:login')}?{query}")
        if request.session.get(MUST_CHANGE_PASSWORD):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:password')}?{query}")
        roles = national_roles(request.user)
        if not roles.any and not request.user.is_superuser:
            raise Http404
        request.national_roles = roles  # type: ignore[attr-defined]
        # The national host has no written standard of its own: the adviser's choice
        # (NATIONAL_LANGUAGE_COOKIE), bokmål unless they chose nynorsk.
        language = request.COOKIES.get(NATIONAL_LANGUAGE_COOKIE, "")
        if language not in NATIONAL_LANGUAGES:
            return view(request, *args, **kwargs)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return wrapper
