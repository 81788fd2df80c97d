"""PDFs of the guide, rendered by WeasyPrint from Django templates. WeasyPrint never fetches
anything from the network: only files under the static directories are allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
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
