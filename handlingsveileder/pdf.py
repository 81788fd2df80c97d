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
    """Render both PDF templates once with a small made-up guide, so that WeasyPrint,
    fontconfig, the fonts in every size and style the PDFs use, and the templates are loaded
    before the first real PDF. Returns the seconds it took; never raises (a worker without
    working PDFs still serves pages)."""
    from django.utils import timezone, translation

    from handlingsveileder.selectors import Guide, Item, Level, Outcome, Tool

    started = time.perf_counter()
    text = "Tekst med <strong>uthevet</strong> og <em>kursiv</em> – «æøå» → 112."
    page = {
        "title": "Handlingsveileder",
        "last_published_at": timezone.now(),
        "latest_revision_created_at": timezone.now(),
        "acute_text": f"<p>{text}</p>",
        "intro": f"<p>{text}</p><ul><li>Punkt</li></ul>",
        "barnevern_text": f"<p>{text}</p>",
        "close_text": f"<p>{text}</p>",
    }
    step = Item(
        kind="step",
        level=0,
        position=1,
        title="Steg",
        responsible_role="Leder",
        deadline="Innen 7 dager",
        what_to_do=f"<p>{text}</p>",
        support_questions=["Spørsmål?"],
        participation="Barnet",
        documentation="Notat",
        tools=[Tool(pk=0, title="Verktøy", href="/")],
        services=["barnehage"],
        age_groups=["0-5"],
    )
    decision = Item(
        kind="decision",
        level=0,
        position=2,
        title="Beslutning",
        question="Hva nå?",
        outcomes=[Outcome(label="Svar", action="level", level=1, explanation="Forklaring")],
    )
    level = Level(number=0, name="Nivå 0", summary="Sammendrag", items=[step, decision])
    level.stafett = True
    context = {"page": page, "guide": Guide(levels=[level]), "municipality": {"name": "Kommune"}}
    try:
        with translation.override("nb"):
            for template in (
                "handlingsveileder/pdf/guide.html",
                "handlingsveileder/pdf/overview.html",
            ):
                render_pdf(template, context)
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
