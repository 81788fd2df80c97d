"""Geometry of the flow chart of the four levels, drawn as inline SVG (role img, with a text
alternative next to it). A wide layout puts the route to barnevernstjenesten beside the
levels; the narrow one, for phones, puts it below."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    """The layout as the template draws it, every number already text: a template spends far
    longer formatting a number than writing a string."""
    return {
        "name": flow.name,
        "width": str(flow.width),
        "height": str(flow.height),
        "arrows": [{key: str(value) for key, value in arrow.items()} for arrow in flow.arrows],
        "boxes": [
            {
                "kind": box.kind,
                "title": box.title,
                "x": str(box.x),
                "y": str(box.y),
                "width": str(box.width),
                "height": str(box.height),
                "text_x": str(box.x + PAD),
                "title_y": str(box.title_y),
                "lines": [{"text": line["text"], "y": str(line["y"])} for line in box.lines],
            }
            for box in flow.boxes
        ],
    }


def flowchart_layouts(guide: Guide) -> list[dict[str, Any]]:
    return [
        drawing(layout(guide, name="wide", width=760, side=True)),
        drawing(layout(guide, name="narrow", width=340, side=False)),
    ]
