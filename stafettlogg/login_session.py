"""A stafettlogg login holds in the municipality it was made in, and nowhere else.

The session remembers the municipality of the host where the login was made; on another
municipality's host the user counts as logged out and is sent to that host's login.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

MUNICIPALITY_KEY = "stafettlogg_municipality"


def bind_to_municipality(session: Any, municipality: Any) -> None:
    """Tie ``session`` (just logged in) to ``municipality``, the host's tenant."""
    session[MUNICIPALITY_KEY] = municipality.pk if municipality is not None else None


def made_here(request: HttpRequest) -> bool:
    """Whether the session's login was made in the municipality of this request's host."""
    municipality = getattr(request, "municipality", None)
    return municipality is not None and request.session.get(MUNICIPALITY_KEY) == municipality.pk
