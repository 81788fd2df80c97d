"""Geometry for the model diagram (levels × element types), drawn as inline SVG.

Two layouts are computed: a wide one with the six types side by side, and a narrow one for
phones with two types per row. CSS shows the one that fits; both are plain links, so the
diagram works by keyboard, with a screen reader and without JavaScript.

Each layout gives its bands and cells as SVG elements (``shapes``, every text escaped); the
rest of the drawing (title, description) is in the template. The template engine spent about
6 ms on the two layouts' several hundred numbers and labels; this takes a tenth of that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from samhandlingsmodell.models import LevelPage


@dataclass
class DiagramCell:
    level: str
    element_type: str
    label: str
    count: int
    url: str


@dataclass
class DiagramRow:
    level: LevelPage
    url: str = ""
    cells: list[DiagramCell] = field(default_factory=list)


PADDING = 12
GAP = 8
LABEL_HEIGHT = 40
LINE_HEIGHT = 16


@dataclass
class Layout:
    name: str
    width: int
    height: int = 0
    shapes: SafeString = SafeString("")


def wrap(label: str, max_chars: int) -> list[str]:
    """Words of ``label`` in lines of at most ``max_chars`` characters (SVG has no wrapping)."""
    lines: list[str] = []
    current = ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) > max_chars and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def layout(
    rows: list[DiagramRow], *, name: str, width: int, columns: int, cell_height: int, max_chars: int
) -> Layout:
    result = Layout(name=name, width=width)
    bands: list[str] = []
    cells: list[str] = []  # drawn after (over) the bands, and reached by Tab after them
    y = 0
    cell_width = (width - 2 * PADDING - (columns - 1) * GAP) // columns
    for row in rows:
        cell_rows = -(-len(row.cells) // columns)
        band_height = LABEL_HEIGHT + cell_rows * (cell_height + GAP) + PADDING - GAP + PADDING
        title = escape(row.level.title)
        bands.append(
            f'<g class="model-diagram__level model-diagram__level--{escape(row.level.level)}">\n'
            f'<rect class="model-diagram__band" x="0" y="{y}" width="{width}" '
            f'height="{band_height}" rx="8"></rect>\n'
            f'<a href="{escape(row.url)}" class="model-diagram__level-link">\n'
            f'<text class="model-diagram__level-label" x="{PADDING}" y="{y + 28}">{title}</text>\n'
            f"</a>\n</g>\n"
        )
        for index, cell in enumerate(row.cells):
            column, line = index % columns, index // columns
            cx = PADDING + column * (cell_width + GAP)
            cy = y + LABEL_HEIGHT + line * (cell_height + GAP)
            empty = "" if cell.count else " model-diagram__cell--empty"
            label = escape(cell.label)
            lines = "".join(
                f'<text x="{cx + 10}" y="{cy + 20 + number * LINE_HEIGHT}" aria-hidden="true">'
                f"{escape(text)}</text>\n"
                for number, text in enumerate(wrap(cell.label, max_chars))
            )
            cells.append(
                f'<a href="{escape(cell.url)}" class="model-diagram__cell{empty}" '
                f'aria-label="{title}: {label}, {cell.count}">\n'
                f'<rect x="{cx}" y="{cy}" width="{cell_width}" height="{cell_height}" rx="6">'
                f"</rect>\n{lines}"
                f'<text class="model-diagram__count" x="{cx + 10}" y="{cy + cell_height - 12}" '
                f'aria-hidden="true">{cell.count}</text>\n</a>\n'
            )
        y += band_height + GAP
    result.height = max(y - GAP, 1)
    result.shapes = mark_safe("".join(bands + cells))  # noqa: S308 (every text is escaped above)
    return result


def diagram_layouts(rows: list[DiagramRow]) -> list[Layout]:
    return [
        layout(rows, name="wide", width=1040, columns=6, cell_height=76, max_chars=17),
        layout(rows, name="narrow", width=360, columns=2, cell_height=76, max_chars=20),
    ]
