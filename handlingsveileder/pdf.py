"""PDFs of the guide, rendered by WeasyPrint from Django templates. WeasyPrint never fetches
anything from the network: only files under the static directories are allowed.

Rendering a whole guide takes a couple of seconds, and its content changes only when the guide
is published or a linked tool changes, so finished PDFs are kept in the shared cache under a
key made of everything they show (see ``cached_pdf``)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

STATIC_PREFIX = "static:"


def _url_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    from weasyprint.urls import default_url_fetcher

    if url.startswith(STATIC_PREFIX):
        found = finders.find(url[len(STATIC_PREFIX) :])
        if found:
            return default_url_fetcher(Path(str(found)).as_uri())
    raise ValueError(f"PDF rendering may not fetch {url!r}")


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    document = HTML(string=html, url_fetcher=_url_fetcher, base_url=str(settings.BASE_DIR))
    pdf: bytes = document.write_pdf()
    return pdf


PDF_CACHE_SECONDS = 7 * 24 * 3600


def cached_pdf(template: str, context: dict[str, Any], request: HttpRequest, key: Any) -> bytes:
    """The PDF from the cache, or rendered and stored. ``key`` must cover all content."""
    from django.utils import translation

    digest = hashlib.sha256(repr((template, translation.get_language(), key)).encode()).hexdigest()
    cache_key = f"guide-pdf:{digest}"
    content: bytes | None = cache.get(cache_key)
    if content is None:
        content = render_pdf(template, context, request)
        cache.set(cache_key, content, PDF_CACHE_SECONDS)
    return content
