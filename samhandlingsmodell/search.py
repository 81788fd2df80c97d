"""Search across one municipality's model: the pages the user may see, grouped by kind."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from wagtail.models import Page

from municipalities.models import Municipality
from samhandlingsmodell.models import (
    ELEMENT_TYPE_PLURALS,
    ElementPage,
    ElementType,
    ServicePage,
)
from samhandlingsmodell.selectors import (
    AnyUser,
    page_href,
    visible,
)


@dataclass
class SearchGroup:
    label: str
    results: list[Page]


def search_model(municipality: Municipality, user: AnyUser, query: str) -> list[SearchGroup]:
    """Full-text search in one municipality's model, grouped by type."""
    query = query.strip()[:200]
    if not query:
        return []
    pages = visible(Page.objects.all(), municipality, user)
    found = list(pages.search(query, operator="and")[:60])
    specific = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in found]).specific()
    }
    groups: OrderedDict[str, list[Page]] = OrderedDict()
    type_order = [str(ELEMENT_TYPE_PLURALS[t]) for t in ElementType]
    for hit in found:
        page = specific.get(hit.pk)
        if page is None:
            continue
        page.href = page_href(page, municipality)  # type: ignore[attr-defined]
        if isinstance(page, ElementPage):
            label = str(ELEMENT_TYPE_PLURALS[ElementType(page.element_type)])
        elif isinstance(page, ServicePage):
            label = str(ServicePage._meta.verbose_name_plural).capitalize()
        else:
            label = str(_other_label())
        groups.setdefault(label, []).append(page)

    def sort_key(item: tuple[str, list[Page]]) -> int:
        return type_order.index(item[0]) if item[0] in type_order else len(type_order)

    return [
        SearchGroup(label=label, results=results)
        for label, results in sorted(groups.items(), key=sort_key)
    ]


def _other_label() -> str:
    from django.utils.translation import gettext

    return gettext("Other pages")
