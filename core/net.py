"""The client's address, also behind reverse proxies (SAMHANDLING_PROXY_COUNT of them)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """With N trusted proxies in front, the client is the N-th address from the right of
    X-Forwarded-For (addresses further left are set by the client and cannot be trusted)."""
    proxies = settings.SAMHANDLING_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
