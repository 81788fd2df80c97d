"""PDFs of the guide, rendered by WeasyPrint from Django templates. WeasyPrint never fetches
anything from the network: only files under the static directories are allowed.

Rendering a whole guide takes over a second, and its content changes only when the guide is
published or a linked tool changes, so finished PDFs are kept in the shared cache under a key
made of everything they show (see ``cached_pdf``).

The first PDF in a process also pays for WeasyPrint's start-up: importing it and its libraries,
fontconfig and the fonts, about a second more. Web workers do that when they start
(``warm_up``, called from config/wsgi.py), not when the first reader asks for a PDF."""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

STATIC_PREFIX = "static:"
logger = logging.getLogger(__name__)


def _url_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    from weasyprint.urls import default_url_fetcher

    if url.startswith(STATIC_PREFIX):
        found = finders.find(url[len(STATIC_PREFIX) :])
        if found:
            return default_url_fetcher(Path(str(found)).as_uri())
    raise ValueError(f"PDF rendering may not fetch {url!r}")


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    return _write_pdf(render_to_string(template, context, request=request))


def _write_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_url_fetcher, base_url=str(settings.BASE_DIR))
    pdf: bytes = document.write_pdf()
    return pdf


def warm_up() -> float:
    """Render a small document with the PDFs' stylesheet and fonts (regular, bold, italic), so
    that WeasyPrint, fontconfig and the fonts are loaded before the first real PDF. Returns the
    seconds it took; never raises (a worker without working PDFs still serves pages)."""
    started = time.perf_counter()
    try:
        style = render_to_string(
            "handlingsveileder/pdf/style.html",
            {"page": {"title": "Samhandling"}, "municipality": {"name": "Samhandling"}},
        )
        html = (
            f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">{style}</head><body>'
            "<h1>Samhandling</h1><h2>Nivå 0</h2><h3>1. Steg</h3>"
            '<dl class="facts"><dt>Ansvarlig:</dt> <dd>Leder</dd></dl>'
            "<p>Tekst med <strong>uthevet</strong> og <em>kursiv</em> → æøå.</p>"
            '<ul class="items"><li>•&nbsp;Punkt</li></ul><ul><li>Punkt</li></ul>'
            "</body></html>"
        )
        _write_pdf(html)
    except Exception:  # noqa: BLE001 (the worker must start even if WeasyPrint cannot)
        logger.warning("Could not warm up the PDF renderer", exc_info=True)
    return time.perf_counter() - started


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
