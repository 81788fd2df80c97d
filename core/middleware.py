"""Security headers that Django's SecurityMiddleware does not set, and the sessions' idle
deadline."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# No inline script anywhere on the public site and the log; the Wagtail admin brings its own.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


# The session's expiry moves forward when it was last moved longer ago than this.
SESSION_REFRESH_SECONDS = 60
_REFRESHED = "_refreshed"


class SessionIdleMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without a request, without writing the session on
    every request: the expiry moves forward (the session is saved) when it was last moved more
    than SESSION_REFRESH_SECONDS ago. A session so ends between SESSION_COOKIE_AGE minus that
    and SESSION_COOKIE_AGE after the last request, never later. Sessions of visitors who are
    not logged in are not created by this. Placed right after SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if session.session_key is None or session.modified:
            return response
        refreshed = int(session.get(_REFRESHED, 0))  # loads the session if nothing had
        if session.is_empty():  # expired or ended: nothing to keep alive
            return response
        now = int(time.time())
        if now - refreshed >= SESSION_REFRESH_SECONDS:
            session[_REFRESHED] = now  # marks it modified: SessionMiddleware saves it
        return response
