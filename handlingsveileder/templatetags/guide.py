"""``{% step_body item heading_level %}``: the facts and content of one step or decision point
of the guide, as the overview (every step) and the step-by-step pages (one step) show it.

This is markup in Python on purpose. The overview shows every step of the guide, about thirty
of them with some forty pieces each; the template engine needed 14 ms for that on our servers,
this needs about one. Every value from the guide goes through ``escape``; the rich text is
expanded as Wagtail's ``|richtext`` does it. The strings are translated with the same message
ids as in the templates."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from wagtail.rich_text import expand_db_html

if TYPE_CHECKING:
    from handlingsveileder.selectors import Item

register = template.Library()


def _facts(item: Item) -> str:
    facts = []
    if item.responsible_role:
        facts.append((gettext("Responsible"), item.responsible_role))
    if item.deadline or item.deadline_days:
        deadline = item.deadline or ngettext(
            "Within %(days)s day", "Within %(days)s days", item.deadline_days or 0
        ) % {"days": item.deadline_days}
        facts.append((gettext("Deadline"), deadline))
    if item.service_labels:
        facts.append((gettext("Applies to"), ", ".join(item.service_labels)))
    if item.age_labels:
        facts.append((gettext("Ages"), ", ".join(item.age_labels)))
    rows = "".join(f"  <dt>{escape(term)}</dt><dd>{escape(value)}</dd>\n" for term, value in facts)
    return f'<dl class="guide-facts">\n{rows}</dl>\n'


def _section(level: str, heading: str, content: str) -> str:
    return f'<h{level} class="ds-heading" data-size="2xs">{escape(heading)}</h{level}>\n{content}\n'


@register.simple_tag
def step_body(item: Item, heading_level: str = "3") -> SafeString:
    """The step's facts, what to do, questions, participation, documentation and tools (or
    the decision's question), with the section headings at ``heading_level``."""
    level = escape(str(heading_level))
    html = _facts(item)
    if item.kind != "step":
        html += (
            f'<p class="ds-paragraph guide-question"><strong>{escape(item.question)}</strong></p>\n'
        )
        return mark_safe(html)  # noqa: S308 (every value is escaped above)
    html += f'<div class="rich-text">{expand_db_html(item.what_to_do)}</div>\n'
    if item.support_questions:
        questions = "".join(f"<li>{escape(question)}</li>" for question in item.support_questions)
        html += _section(level, gettext("Ask yourself"), f'<ul class="ds-list">{questions}</ul>')
    if item.participation:
        html += _section(
            level,
            gettext("The child and the guardians"),
            f'<p class="ds-paragraph">{linebreaksbr(item.participation)}</p>',
        )
    if item.documentation:
        html += _section(
            level,
            gettext("Document"),
            f'<p class="ds-paragraph">{linebreaksbr(item.documentation)}</p>',
        )
    if item.tools:
        tools = "".join(
            f'<li><a class="ds-link" href="{escape(tool.href)}">{escape(tool.title)}</a></li>'
            for tool in item.tools
        )
        html += _section(
            level, gettext("Tools and arenas"), f'<ul class="ds-list guide-tools">{tools}</ul>'
        )
    return mark_safe(html)  # noqa: S308 (every value is escaped above)
