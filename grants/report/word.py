"""The report as a Word document (DOCX, python-docx) for the municipality to edit: the title in
the Title style, sections as Heading 1 and their parts as Heading 2, tables with a header row
(repeated on every page), and the document's language set, so that spelling and screen readers
use bokmål or nynorsk."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from grants.report.document import Facts, Heading, Paragraph, ReportDocument, Table


def _child(parent, tag: str):  # type: ignore[no-untyped-def]
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set_language(doc, tag: str) -> None:  # type: ignore[no-untyped-def]
    """The language of the document's defaults and of every style."""
    doc.core_properties.language = tag
    styles = doc.styles.element
    defaults = _child(_child(styles.find(qn("w:docDefaults")), "w:rPrDefault"), "w:rPr")
    for rpr in [defaults, *(style.get_or_add_rPr() for style in styles.findall(qn("w:style")))]:
        lang = _child(rpr, "w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), tag)


def _header_row(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _bold(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    cell.text = ""
    cell.paragraphs[0].add_run(text).bold = True


def _table(doc, headers: list[str], rows: list[list[str]], marked: list[bool]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    _header_row(table.rows[0])
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _bold(cell, header)
    for values, mark in zip(rows, marked or [False] * len(rows), strict=True):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            if mark:
                _bold(cell, value)
            else:
                cell.text = value


def _facts(doc, rows: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        _bold(cells[0], label)
        cells[1].text = value


def write_docx(document: ReportDocument) -> bytes:
    doc = Document()
    _set_language(doc, document.language_tag)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.municipality
    doc.styles["Normal"].font.size = Pt(10.5)

    doc.add_paragraph(document.municipality)
    doc.add_heading(document.kind_title, level=0)
    doc.add_paragraph(document.subtitle)
    doc.add_paragraph(document.made_on)
    doc.add_page_break()
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            for part in block.text.split("\n\n"):
                paragraph = doc.add_paragraph(part)
                if block.note:
                    for run in paragraph.runs:
                        run.italic = True
        elif isinstance(block, Facts):
            _facts(doc, block.rows)
        elif isinstance(block, Table):
            _table(doc, block.headers, block.rows, block.marked)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
