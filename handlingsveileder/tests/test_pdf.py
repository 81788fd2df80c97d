"""The PDF renderer's warm-up at worker start."""

import logging

from handlingsveileder import pdf


def test_warm_up_renders_both_pdf_templates(monkeypatch):
    rendered = []
    original = pdf._write_pdf
    monkeypatch.setattr(pdf, "_write_pdf", lambda html: rendered.append(html) or original(html))
    assert pdf.warm_up() > 0
    assert len(rendered) == 2
    assert all("DejaVu Sans" in html and "Nivå 0" in html for html in rendered)
    assert "<strong>" in rendered[0] and "<em>" in rendered[0] and "<h4>" in rendered[0]


def test_worker_starts_even_if_the_warm_up_fails(monkeypatch, caplog):
    def broken(html):
        raise OSError("no fonts")

    monkeypatch.setattr(pdf, "_write_pdf", broken)
    with caplog.at_level(logging.WARNING, logger="handlingsveileder.pdf"):
        pdf.warm_up()
    assert "Could not warm up" in caplog.text
