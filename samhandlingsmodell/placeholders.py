"""Placeholders: the square-bracket markers of the national template ("[telefonnummer]",
"[adresse]") that a municipality replaces with its own facts.

One definition, read by Modellsjekk (which names every marker left in a model), by the demo
(which fills them in) and by the tests (which check that no published demo page shows one).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

# A marker is a word in brackets ("[telefonnummer]", "[ navn på rolle ]") or a gap left to fill
# ("[...]", "[…]", "[ ]", "[____]"); "[1]" (a footnote) is none. It holds no brackets or tags.
PLACEHOLDER_RE = re.compile(r"\[\s*[^\W\d_][^\[\]<>\n]{0,58}\]|\[[\s.…_–-]*\]")
TAG_RE = re.compile(r"<[^>]+>")
# Page's own fields that editors write; the rest (slug, url_path, draft_title, ...) are not.
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}


def placeholders_in(text: str) -> list[str]:
    """The distinct markers in ``text`` (plain text or rich text HTML), in order of first
    appearance."""
    plain = html.unescape(TAG_RE.sub("", text or ""))
    return list(dict.fromkeys(PLACEHOLDER_RE.findall(plain)))


def comparable_text(value: Any) -> str:
    """The words of a text field's value (plain text, rich text HTML or a stream), without
    markup, block ids or extra spaces: what is the same when only the markup differs."""
    if hasattr(value, "get_prep_value"):  # a StreamValue
        value = "\n".join(_strings(value.get_prep_value()))
    return " ".join(html.unescape(TAG_RE.sub(" ", str(value or ""))).split())


def text_fields(page: Page) -> list[models.Field[Any, Any]]:
    """The fields of a specific page that hold text an editor writes: its title and
    description, and every text, rich text and stream field of its own type."""
    fields: list[models.Field[Any, Any]] = []
    for field in page._meta.concrete_fields:
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        if isinstance(field, StreamField) or (
            isinstance(field, models.CharField | models.TextField) and not field.choices
        ):
            fields.append(field)
    return fields


def field_text(page: Page, field: models.Field[Any, Any]) -> str:
    """The field's text as one string; a stream field's strings joined by newlines."""
    value = getattr(page, field.attname)
    if isinstance(field, StreamField):
        return "\n".join(_strings(value.raw_data))
    return value or ""


def page_placeholders(page: Page) -> Iterator[tuple[models.Field[Any, Any], list[str]]]:
    """(field, markers) for every text field of ``page`` that still holds a marker."""
    for field in text_fields(page):
        found = placeholders_in(field_text(page, field))
        if found:
            yield field, found


def _strings(raw: Any) -> Iterator[str]:
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, Mapping):
        for key, value in raw.items():
            if key not in ("id", "type"):
                yield from _strings(value)
    elif isinstance(raw, Sequence):
        for value in raw:
            yield from _strings(value)
