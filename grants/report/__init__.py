"""The report to Bufdir: the status report while the project runs and the final report at its
end, as a tagged PDF and as a DOCX the municipality can edit, both built from one document
(``document.build``) in the municipality's written standard."""

from __future__ import annotations

from grants.report.document import ReportDocument, build
from grants.report.pdf import write_pdf
from grants.report.word import write_docx
from grants.selectors.report import ReportData


def render(data: ReportData, file_format: str) -> tuple[bytes, str, str]:
    """The report as ``file_format`` ("pdf" or "docx"): (content, content type, file name)."""
    document = build(data)
    stem = f"{document.filename_stem}-{data.municipality.number}"
    if file_format == "pdf":
        return write_pdf(document), "application/pdf", f"{stem}.pdf"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return write_docx(document), content_type, f"{stem}.docx"


__all__ = ["ReportDocument", "build", "render", "write_docx", "write_pdf"]
