"""The report to Bufdir from the browser: the project leader finds both reports on the page of
the rounds with Bufdir, in the municipality's written standard, and downloads them; the page
passes axe at 1280 and 360 px."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.browser.test_accessibility import HOSTS, axe_violations
from tests.browser.test_admin_norwegian import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("number", "language", "intro"),
    [("9901", "nb-NO", "Rapporten lages av"), ("9902", "nn-NO", "Rapporten blir laga av")],
)
def test_the_project_leader_downloads_the_status_report(browser, url, number, language, intro):  # type: ignore[no-untyped-def]
    context, page = log_in(browser, url, number, "koordinator")
    try:
        page.goto(url(HOSTS[number], f"/admin/tilskudd/{number}/bufdir/"))
        section = page.get_by_role("region", name="Rapport til Bufdir")
        assert section.is_visible() and intro in section.inner_text()
        assert axe_violations(page) == []
        item = section.get_by_role("listitem").filter(has_text="Statusrapport")
        with page.expect_download() as pdf_download:
            item.get_by_role("link", name="PDF").click()
        pdf = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
        assert pdf.metadata is not None
        assert pdf.metadata.title.startswith("Statusrapport til Bufdir – ")
        assert pdf.trailer["/Root"]["/Lang"] == language
        with page.expect_download() as docx_download:
            item.get_by_role("link", name="Word-dokument").click()
        assert docx_download.value.suggested_filename == f"statusrapport-{number}.docx"
        document = Document(docx_download.value.path())
        assert document.paragraphs[1].text == "Statusrapport til Bufdir"
        assert document.core_properties.language == language
        page.set_viewport_size({"width": 360, "height": 740})
        assert axe_violations(page) == []
    finally:
        context.close()
