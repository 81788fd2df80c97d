"""``{% step_body item heading_level %}``: the facts and content of one step or decision point
of the guide, as the overview (every step) and the step-by-step pages (one step) show it;
``{% guide_step item %}``: one step of the overview, with its title, body and outcomes.

This is markup in Python on purpose. The overview shows every step of the guide, about thirty
of them with some forty pieces each; the template engine needed 14 ms for that on our servers,
this needs about two. Every value from the guide goes through ``escape``; the rich text is
expanded as Wagtail's ``|richtext`` does it. The strings are translated with the same message
ids as in the templates."""

from __future__ import annotations

from functools import cache
from html import escape
from typing import TYPE_CHECKING

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from wagtail.rich_text import expand_db_html

if TYPE_CHECKING:
    from handlingsveileder.selectors import Item

register = template.Library()


@cache
def _labels(language: str | None) -> dict[str, str]:
    """The headings in the active language, looked up once per process and language (Django
    loads its catalogues once per process too): gettext costs some microseconds a call, and
    the overview needs about 250 of them."""
    return {
        "responsible": gettext("Responsible"),
        "deadline": gettext("Deadline"),
        "applies_to": gettext("Applies to"),
        "ages": gettext("Ages"),
        "ask_yourself": gettext("Ask yourself"),
        "participation": gettext("The child and the guardians"),
        "document": gettext("Document"),
        "tools": gettext("Tools and arenas"),
    }


def _linebreaksbr(text: str) -> str:
    """Django's ``|linebreaksbr`` with autoescaping, without its filter machinery."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _facts(item: Item, labels: dict[str, str]) -> str:
    facts = []
    if item.responsible_role:
        facts.append((labels["responsible"], item.responsible_role))
    if item.deadline or item.deadline_days:
        deadline = item.deadline or ngettext(
            "Within %(days)s day", "Within %(days)s days", item.deadline_days or 0
        ) % {"days": item.deadline_days}
        facts.append((labels["deadline"], deadline))
    if item.service_labels:
        facts.append((labels["applies_to"], ", ".join(item.service_labels)))
    if item.age_labels:
        facts.append((labels["ages"], ", ".join(item.age_labels)))
    rows = "".join(f"  <dt>{escape(term)}</dt><dd>{escape(value)}</dd>\n" for term, value in facts)
    return f'<dl class="guide-facts">\n{rows}</dl>\n'


def _section(level: str, heading: str, content: str) -> str:
    return f'<h{level} class="ds-heading" data-size="2xs">{escape(heading)}</h{level}>\n{content}\n'


@register.simple_tag
def step_body(item: Item, heading_level: str = "3") -> SafeString:
    """The step's facts, what to do, questions, participation, documentation and tools (or
    the decision's question), with the section headings at ``heading_level``."""
    level = escape(str(heading_level))
    labels = _labels(get_language())
    html = _facts(item, labels)
    if item.kind != "step":
        html += (
            f'<p class="ds-paragraph guide-question"><strong>{escape(item.question)}</strong></p>\n'
        )
        return mark_safe(html)  # noqa: S308 (every value is escaped above)
    html += f'<div class="rich-text">{expand_db_html(item.what_to_do)}</div>\n'
    if item.support_questions:
        questions = "".join(f"<li>{escape(question)}</li>" for question in item.support_questions)
        html += _section(level, labels["ask_yourself"], f'<ul class="ds-list">{questions}</ul>')
    if item.participation:
        html += _section(
            level,
            labels["participation"],
            f'<p class="ds-paragraph">{_linebreaksbr(item.participation)}</p>',
        )
    if item.documentation:
        html += _section(
            level,
            labels["document"],
            f'<p class="ds-paragraph">{_linebreaksbr(item.documentation)}</p>',
        )
    if item.tools:
        tools = "".join(
            f'<li><a class="ds-link" href="{escape(tool.href)}">{escape(tool.title)}</a></li>'
            for tool in item.tools
        )
        html += _section(level, labels["tools"], f'<ul class="ds-list guide-tools">{tools}</ul>')
    return mark_safe(html)  # noqa: S308 (every value is escaped above)


@register.simple_tag
def guide_step(item: Item) -> SafeString:
    """One step of the overview: a list item with the title, the body and, for a decision
    point, its answers and where they lead."""
    html = (
        f'<li class="guide-step guide-step--{escape(item.kind)}" id="{escape(item.anchor)}">\n'
        f'<h3 class="ds-heading" data-size="sm">{escape(item.title)}</h3>\n'
        f"{step_body(item, '4')}"
    )
    if item.kind == "decision":
        outcomes = "".join(
            f"<li><strong>{escape(outcome.label)}</strong> → {escape(outcome.target_label)}"
            + (f". {escape(outcome.explanation)}" if outcome.explanation else "")
            + "</li>"
            for outcome in item.outcomes
        )
        html += f'<ul class="ds-list guide-outcomes">{outcomes}</ul>\n'
    return mark_safe(html + "</li>\n")  # noqa: S308 (every value is escaped above)
