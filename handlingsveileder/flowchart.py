"""Geometry of the flow chart of the four levels, drawn as inline SVG (role img, with a text
alternative next to it). A wide layout puts the route to barnevernstjenesten beside the
levels; the narrow one, for phones, puts it below."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from handlingsveileder.selectors import Guide
from samhandlingsmodell.diagram import wrap

LINE = 17
PAD = 12
GAP = 28


@dataclass
class Box:
    x: int
    y: int
    width: int
    height: int
    title: str
    lines: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "level"
    title_y: int = 0


@dataclass
class FlowLayout:
    name: str
    width: int
    height: int = 0
    boxes: list[Box] = field(default_factory=list)
    arrows: list[dict[str, int]] = field(default_factory=list)


def _box(x: int, y: int, width: int, title: str, text: str, max_chars: int, kind: str) -> Box:
    lines = wrap(text, max_chars)
    height = PAD + LINE + 4 + len(lines) * LINE + PAD
    box = Box(x=x, y=y, width=width, height=height, title=title, kind=kind, title_y=y + PAD + 13)
    box.lines = [
        {"text": line, "y": y + PAD + LINE + 4 + (i + 1) * LINE - 4} for i, line in enumerate(lines)
    ]
    return box


def layout(guide: Guide, *, name: str, width: int, side: bool) -> FlowLayout:
    result = FlowLayout(name=name, width=width)
    level_width = width - 200 if side else width
    max_chars = max(20, (level_width - 2 * PAD) // 8)
    y = 0
    boxes: list[Box] = []
    for level in guide.levels:
        box = _box(0, y, level_width, level.name, level.summary, max_chars, "level")
        boxes.append(box)
        y += box.height + GAP
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        result.arrows.append(
            {
                "x1": upper.width // 2,
                "y1": upper.y + upper.height,
                "x2": upper.width // 2,
                "y2": lower.y - 4,
            }
        )
    barnevern_text = _("At every level: report serious concern to barnevernstjenesten.")
    if side:
        x = level_width + 40
        top = boxes[0].y if boxes else 0
        bottom = boxes[-1].y + boxes[-1].height if boxes else 120
        side_box = _box(x, top, width - x, _("Barnevernstjenesten"), barnevern_text, 18, "route")
        side_box.height = max(side_box.height, bottom - top)
        result.boxes.append(side_box)
        for box in boxes:
            mid = box.y + box.height // 2
            result.arrows.append({"x1": box.width, "y1": mid, "x2": x - 4, "y2": mid})
        result.height = max(bottom, side_box.y + side_box.height)
    else:
        route_box = _box(0, y, width, _("Barnevernstjenesten"), barnevern_text, max_chars, "route")
        result.boxes.append(route_box)
        result.height = route_box.y + route_box.height
    result.boxes[:0] = boxes
    result.height += 2
    return result


def drawing(flow: FlowLayout) -> dict[str, Any]:
    """The layout as the template draws it: the arrows and boxes as SVG elements (escaped
    text), the rest of the drawing (its title, description and markers) in the template. The
    template engine spent 3-4 ms on the two layouts' hundreds of numbers; this takes a tenth
    of that."""
    name = escape(flow.name)
    shapes = [
        f'<line class="guide-flow__arrow" x1="{a["x1"]}" y1="{a["y1"]}" x2="{a["x2"]}" '
        f'y2="{a["y2"]}" marker-end="url(#guide-arrow-{name})"></line>'
        for a in flow.arrows
    ]
    for box in flow.boxes:
        text_x = box.x + PAD
        lines = "".join(
            f'<text x="{text_x}" y="{line["y"]}">{escape(line["text"])}</text>\n'
            for line in box.lines
        )
        shapes.append(
            f'\n<g class="guide-flow__box guide-flow__box--{escape(box.kind)}">\n'
            f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="8">'
            f"</rect>\n"
            f'<text class="guide-flow__title" x="{text_x}" y="{box.title_y}">'
            f"{escape(box.title)}</text>\n{lines}</g>"
        )
    return {
        "name": flow.name,
        "width": str(flow.width),
        "height": str(flow.height),
        "shapes": mark_safe("".join(shapes)),  # noqa: S308 (every text is escaped above)
    }


def flowchart_layouts(guide: Guide) -> list[dict[str, Any]]:
    return [
        drawing(layout(guide, name="wide", width=760, side=True)),
        drawing(layout(guide, name="narrow", width=340, side=False)),
    ]
