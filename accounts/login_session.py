"""What a login leaves in the session, and whether it holds on this request.

A login holds in the municipality it was made in, and nowhere else: the session remembers the
municipality of the host where the login was made; on another municipality's host the user
counts as logged out and is sent to that host's login. A login on the national host (no
municipality: the national advisers') holds there only, and in no municipality.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.oidc import SESSION_KEY as OIDC_SESSION_KEY

MUNICIPALITY_KEY = "stafettlogg_municipality"
# What MUNICIPALITY_KEY holds after a login on the national host.
NATIONAL = "national"
# Set by the login when the account's first password was made by someone else.
MUST_CHANGE_PASSWORD = "stafettlogg_must_change_password"  # noqa: S105 (a session key)


def bind_to_municipality(session: Any, municipality: Any) -> None:
    """Tie ``session`` (just logged in) to ``municipality``, the host's tenant (None: the
    national host)."""
    session[MUNICIPALITY_KEY] = municipality.pk if municipality is not None else NATIONAL


def made_here(request: HttpRequest) -> bool:
    """Whether the session's login was made in the municipality of this request's host (or,
    on the national host, on the national host)."""
    municipality = getattr(request, "municipality", None)
    bound = request.session.get(MUNICIPALITY_KEY)
    if municipality is None:
        return bound == NATIONAL
    return bound == municipality.pk


def fully_authenticated(request: HttpRequest) -> bool:
    """Logged in here with two factors: password + TOTP, or a login at ID-porten or the
    municipality's identity provider (which have their own second factor)."""
    user: Any = request.user
    if not user.is_authenticated or not made_here(request):
        return False
    return bool(user.is_verified()) or OIDC_SESSION_KEY in request.session
