"""The report as a tagged PDF (PDF/UA-1, WeasyPrint): headings, tables with header cells, the
title and the language in the document's metadata. Nothing is fetched: the fonts are the
system's (DejaVu Sans, as the guide's PDFs)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from grants.report.document import ReportDocument


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The report PDF may not fetch {url!r}")


def report_html(document: ReportDocument) -> str:
    return render_to_string("grants/report/report.html", {"document": document})


def write_pdf(document: ReportDocument) -> bytes:
    from weasyprint import HTML

    html = HTML(string=report_html(document), url_fetcher=_refuse_fetch)
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
