"""Geometry for the model diagram (levels × element types), drawn as inline SVG.

Two layouts are computed: a wide one with the six types side by side, and a narrow one for
phones with two types per row. CSS shows the one that fits; both are plain links, so the
diagram works by keyboard, with a screen reader and without JavaScript.

The layouts are ready to draw: numbers that only go into SVG attributes are given as text,
because a template spends far longer formatting a number than writing a string.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samhandlingsmodell.selectors import DiagramRow

PADDING = 12
GAP = 8
LABEL_HEIGHT = 40
LINE_HEIGHT = 16


@dataclass
class Layout:
    name: str
    width: int
    height: int = 0
    bands: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)


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
    y = 0
    cell_width = (width - 2 * PADDING - (columns - 1) * GAP) // columns
    for row in rows:
        cell_rows = -(-len(row.cells) // columns)
        band_height = LABEL_HEIGHT + cell_rows * (cell_height + GAP) + PADDING - GAP + PADDING
        result.bands.append(
            {
                "key": row.level.level,
                "title": row.level.title,
                "url": row.url,
                "x": "0",
                "y": str(y),
                "width": str(width),
                "height": str(band_height),
                "label_x": str(PADDING),
                "label_y": str(y + 28),
            }
        )
        for index, cell in enumerate(row.cells):
            column, line = index % columns, index // columns
            cx = PADDING + column * (cell_width + GAP)
            cy = y + LABEL_HEIGHT + line * (cell_height + GAP)
            result.cells.append(
                {
                    "url": cell.url,
                    "label": cell.label,
                    "count": cell.count,
                    "count_text": str(cell.count),
                    "lines": [
                        {"text": text, "y": str(cy + 20 + index * LINE_HEIGHT)}
                        for index, text in enumerate(wrap(cell.label, max_chars))
                    ],
                    "level_title": row.level.title,
                    "x": str(cx),
                    "y": str(cy),
                    "width": str(cell_width),
                    "height": str(cell_height),
                    "text_x": str(cx + 10),
                    "count_y": str(cy + cell_height - 12),
                }
            )
        y += band_height + GAP
    result.height = max(y - GAP, 1)
    return result


def diagram_layouts(rows: list[DiagramRow]) -> list[Layout]:
    return [
        layout(rows, name="wide", width=1040, columns=6, cell_height=76, max_chars=17),
        layout(rows, name="narrow", width=360, columns=2, cell_height=76, max_chars=20),
    ]
