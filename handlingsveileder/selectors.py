"""Reads of the handlingsveileder: its levels, steps and decisions as plain objects, with the
tools resolved in one query and only those the reader may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from handlingsveileder.blocks import AGE_GROUPS, Action, ServiceKind
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from samhandlingsmodell.selectors import AnyUser, url_path_href, visible

SERVICE_KEYS = set(ServiceKind.values)
AGE_KEYS = {key for key, _label in AGE_GROUPS}
ROUTES = {Action.CLOSE: "avslutt", Action.BARNEVERN: "barnevern", Action.ACUTE: "akutt"}


@dataclass
class Choice:
    """What the reader chose at the start: their service and the child's age (or nothing)."""

    service: str = ""
    age: str = ""

    @classmethod
    def from_query(cls, query: Any) -> Choice:
        service = query.get("tjeneste", "")
        age = query.get("alder", "")
        return cls(service if service in SERVICE_KEYS else "", age if age in AGE_KEYS else "")

    @property
    def querystring(self) -> str:
        params = {k: v for k, v in (("tjeneste", self.service), ("alder", self.age)) if v}
        return f"?{urlencode(params)}" if params else ""

    @property
    def service_label(self) -> str:
        return str(ServiceKind(self.service).label) if self.service else ""

    @property
    def age_label(self) -> str:
        return str(dict(AGE_GROUPS)[self.age]) if self.age else ""


@dataclass
class Tool:
    """A tool or arena a step links to: a live element page of the municipality that the
    reader may see."""

    pk: int
    title: str
    href: str


@dataclass
class Outcome:
    label: str
    action: str
    level: int | None
    explanation: str
    url: str = ""

    @property
    def target_label(self) -> str:
        """Where the answer leads, in a few words ("level 2", "close", ...)."""
        labels = _target_labels(get_language())
        if self.action == Action.LEVEL:
            return labels[Action.LEVEL] % {"number": self.level}
        return labels.get(self.action, labels[Action.CONTINUE])


@cache
def _target_labels(language: str | None) -> dict[str, str]:
    """``Outcome.target_label``'s words in the active language, looked up once per process and
    language (as Django loads its catalogues): the overview shows some sixty of them."""
    return {
        Action.LEVEL: gettext("level %(number)s"),
        Action.CLOSE: gettext("close"),
        Action.BARNEVERN: gettext("report to barnevernstjenesten"),
        Action.ACUTE: gettext("acute danger: 112"),
        Action.CONTINUE: gettext("next step"),
    }


@dataclass
class Item:
    kind: str  # "step" or "decision"
    level: int
    position: int  # 1-based place among all items of the level
    title: str
    responsible_role: str = ""
    deadline_days: int | None = None
    deadline: str = ""
    what_to_do: str = ""
    support_questions: list[str] = field(default_factory=list)
    participation: str = ""
    documentation: str = ""
    tool_ids: list[int] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)
    question: str = ""
    outcomes: list[Outcome] = field(default_factory=list)

    def applies_to(self, choice: Choice) -> bool:
        return (not choice.service or not self.services or choice.service in self.services) and (
            not choice.age or not self.age_groups or choice.age in self.age_groups
        )

    @cached_property
    def service_labels(self) -> list[str]:
        return [str(ServiceKind(key).label) for key in self.services if key in SERVICE_KEYS]

    @cached_property
    def age_labels(self) -> list[str]:
        ages = dict(AGE_GROUPS)
        return [str(ages[key]) for key in self.age_groups if key in ages]

    @property
    def anchor(self) -> str:
        return f"niva-{self.level}-{self.position}"


@dataclass
class Level:
    number: int
    name: str
    summary: str
    items: list[Item] = field(default_factory=list)
    stafett: bool = False

    @property
    def anchor(self) -> str:
        return f"niva-{self.number}"

    @property
    def decisions(self) -> list[Item]:
        return [item for item in self.items if item.kind == "decision"]


@dataclass
class Guide:
    levels: list[Level]

    def level(self, number: int) -> Level | None:
        return next((level for level in self.levels if level.number == number), None)

    def items_for(self, number: int, choice: Choice) -> list[Item]:
        level = self.level(number)
        return [item for item in level.items if item.applies_to(choice)] if level else []


def _values(raw: Iterable[Any] | None) -> list[Any]:
    """ListBlock raw data: items are either plain values or {"type": "item", "value": ...}."""
    result = []
    for entry in raw or []:
        if isinstance(entry, dict) and entry.get("type") == "item" and "value" in entry:
            result.append(entry["value"])
        else:
            result.append(entry)
    return result


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_levels(raw_levels: Iterable[dict[str, Any]], stafett_from: int | None) -> Guide:
    """The guide from the StreamField's raw JSON (no queries)."""
    levels: list[Level] = []
    for block in raw_levels:
        if block.get("type") != "level":
            continue
        value = block.get("value") or {}
        number = _int(value.get("number"))
        if number is None:
            continue
        level = Level(
            number=number,
            name=value.get("name", ""),
            summary=value.get("summary", ""),
            stafett=stafett_from is not None and number >= stafett_from,
        )
        for position, child in enumerate(value.get("items") or [], start=1):
            data = child.get("value") or {}
            item = Item(
                kind=child.get("type", "step"),
                level=number,
                position=position,
                title=data.get("title", ""),
                responsible_role=data.get("responsible_role") or "",
                deadline_days=_int(data.get("deadline_days")),
                deadline=data.get("deadline") or "",
            )
            if item.kind == "step":
                item.what_to_do = data.get("what_to_do") or ""
                item.support_questions = [q for q in _values(data.get("support_questions")) if q]
                item.participation = data.get("participation") or ""
                item.documentation = data.get("documentation") or ""
                item.tool_ids = [i for i in map(_int, _values(data.get("tools"))) if i]
                item.services = list(data.get("services") or [])
                item.age_groups = list(data.get("age_groups") or [])
            else:
                item.question = data.get("question") or ""
                item.outcomes = [
                    Outcome(
                        label=o.get("label", ""),
                        action=o.get("action", ""),
                        level=_int(o.get("level")),
                        explanation=o.get("explanation") or "",
                    )
                    for o in _values(data.get("outcomes"))
                    if isinstance(o, dict)
                ]
            level.items.append(item)
        levels.append(level)
    levels.sort(key=lambda lvl: lvl.number)
    return Guide(levels=levels)


def guide_for_page(page: Any, municipality: Municipality, user: AnyUser | None = None) -> Guide:
    """The guide with its tools resolved: one query, only live tools the user may see, and only
    from the page's own municipality."""
    stafett_from = _int(page.stafett_from_level) if page.stafett_from_level != "" else None
    guide = parse_levels(page.levels.raw_data, stafett_from)
    wanted = {pk for level in guide.levels for item in level.items for pk in item.tool_ids}
    if wanted:
        rows = visible(
            ElementPage.objects.filter(pk__in=wanted), municipality, user or AnonymousUser()
        ).values_list("id", "title", "url_path")
        by_id = {
            pk: Tool(pk=pk, title=title, href=url_path_href(url_path, municipality))
            for pk, title, url_path in rows
        }
        for level in guide.levels:
            for item in level.items:
                item.tools = [by_id[pk] for pk in item.tool_ids if pk in by_id]
    return guide


def foreign_tool_titles(levels: Any, home: Page) -> list[str]:
    """Titles of tools chosen in the editor that lie outside the municipality's model."""
    titles = []
    for level in levels:
        for child in level.value["items"]:
            if child.block_type != "step":
                continue
            for tool in child.value["tools"]:
                if tool is not None and not tool.path.startswith(home.path):
                    titles.append(tool.title)
    return titles
