"""The guide's routes, called from HandlingsveilederPage. Thin: selectors read, templates show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail import hooks

from handlingsveileder.blocks import AGE_GROUPS, Action, ServiceKind
from handlingsveileder.flowchart import flowchart_layouts
from handlingsveileder.pdf import cached_pdf
from handlingsveileder.selectors import ROUTES, Choice, Guide, Item, guide_for_page
from samhandlingsmodell.selectors import municipality_for_page, page_href

if TYPE_CHECKING:
    from handlingsveileder.models import HandlingsveilederPage

ROUTE_TEMPLATES = {
    "avslutt": "handlingsveileder/route_close.html",
    "barnevern": "handlingsveileder/route_barnevern.html",
    "akutt": "handlingsveileder/route_acute.html",
    "hjelp": "handlingsveileder/public.html",
}


def _guide(page: HandlingsveilederPage, request: HttpRequest) -> Guide:
    municipality = municipality_for_page(page, request)
    if municipality is None:
        raise Http404
    return guide_for_page(page, municipality, request.user)  # type: ignore[arg-type]


def _sub_url(page: HandlingsveilederPage, request: HttpRequest, name: str, *args: Any) -> str:
    municipality = municipality_for_page(page, request)
    base = page_href(page, municipality) if municipality else page.get_url(request) or "/"
    return base + page.reverse_subpage(name, args=args)


def item_url(
    page: HandlingsveilederPage, request: HttpRequest, item: Item | None, choice: Choice
) -> str:
    if item is None:
        return _sub_url(page, request, "overview")
    return _sub_url(page, request, "item", item.level, item.position) + choice.querystring


def _outcome_url(
    page: HandlingsveilederPage,
    request: HttpRequest,
    guide: Guide,
    item: Item,
    action: str,
    level: int | None,
    choice: Choice,
) -> str:
    if action in ROUTES:
        return _sub_url(page, request, "fixed_route", ROUTES[Action(action)]) + choice.querystring
    if action == Action.LEVEL and level is not None:
        items = guide.items_for(level, choice)
        return item_url(page, request, items[0] if items else None, choice)
    following = [i for i in guide.items_for(item.level, choice) if i.position > item.position]
    return item_url(page, request, following[0] if following else None, choice)


@dataclass(frozen=True)
class EndLink:
    """A link offered where the guide's path ends (closing the concern, the report to
    barnevernet, the last step of a level), added by a part above the guide through the hook
    ``register_guide_end_link``: a function of the request returning one or None. The guide's
    pages are cached for everyone, so a link must not depend on the user."""

    label: str
    url: str
    text: str = ""


def end_links(request: HttpRequest) -> list[EndLink]:
    found = (hook(request) for hook in hooks.get_hooks("register_guide_end_link"))
    return [link for link in found if link is not None]


def _base_context(page: HandlingsveilederPage, request: HttpRequest) -> dict[str, Any]:
    return {
        "end_links": end_links(request),
        "overview_url": _sub_url(page, request, "overview"),
        "start_url": _sub_url(page, request, "start"),
        "public_url": _sub_url(page, request, "fixed_route", "hjelp"),
        "barnevern_url": _sub_url(page, request, "fixed_route", "barnevern"),
        "acute_url": _sub_url(page, request, "fixed_route", "akutt"),
        "guide_pdf_url": _sub_url(page, request, "guide_pdf"),
        "overview_pdf_url": _sub_url(page, request, "overview_pdf"),
        "service_choices": ServiceKind.choices,
        "age_choices": AGE_GROUPS,
    }


def overview(page: HandlingsveilederPage, request: HttpRequest) -> HttpResponse:
    guide = _guide(page, request)
    context = _base_context(page, request)
    context.update(guide=guide, flowchart=flowchart_layouts(guide), choice=Choice())
    return page.render(
        request, template="handlingsveileder/overview.html", context_overrides=context
    )


def start(page: HandlingsveilederPage, request: HttpRequest) -> HttpResponse:
    """Choose service and age; then the first step of the guide's first level that applies
    (level 0 in BTI; a guide of the municipality's own may start at another level)."""
    guide = _guide(page, request)
    choice = Choice.from_query(request.GET)
    errors = {}
    if "tjeneste" in request.GET or "alder" in request.GET:
        if not choice.service:
            errors["tjeneste"] = _("Choose the service you work in.")
        if not choice.age:
            errors["alder"] = _("Choose the child's age.")
        if not errors:
            first = guide.items_for(guide.levels[0].number, choice) if guide.levels else []
            return HttpResponseRedirect(
                item_url(page, request, first[0] if first else None, choice)
            )
    context = _base_context(page, request)
    context.update(guide=guide, choice=choice, errors=errors)
    return page.render(request, template="handlingsveileder/start.html", context_overrides=context)


def item(
    page: HandlingsveilederPage, request: HttpRequest, level: int, position: int
) -> HttpResponse:
    guide = _guide(page, request)
    current_level = guide.level(level)
    if current_level is None or not 1 <= position <= len(current_level.items):
        raise Http404
    current = current_level.items[position - 1]
    choice = Choice.from_query(request.GET)
    applicable = guide.items_for(level, choice)
    before = [i for i in applicable if i.position < position]
    after = [i for i in applicable if i.position > position]
    for outcome in current.outcomes:
        outcome.url = _outcome_url(
            page, request, guide, current, outcome.action, outcome.level, choice
        )
    context = _base_context(page, request)
    context.update(
        guide=guide,
        level=current_level,
        item=current,
        choice=choice,
        step_number=len(before) + 1,
        step_count=len(applicable),
        previous_url=item_url(page, request, before[-1], choice) if before else "",
        next_url=item_url(page, request, after[0], choice) if after else "",
        applies=current.applies_to(choice),
    )
    return page.render(request, template="handlingsveileder/item.html", context_overrides=context)


def fixed_route(page: HandlingsveilederPage, request: HttpRequest, name: str) -> HttpResponse:
    if name not in ROUTE_TEMPLATES:
        raise Http404
    guide = _guide(page, request)
    context = _base_context(page, request)
    context.update(guide=guide, choice=Choice.from_query(request.GET))
    return page.render(request, template=ROUTE_TEMPLATES[name], context_overrides=context)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _guide_pdf(
    page: HandlingsveilederPage, request: HttpRequest, template: str, name: str
) -> HttpResponse:
    guide = _guide(page, request)
    municipality = municipality_for_page(page, request)
    tools = sorted(
        (tool.pk, tool.title)
        for level in guide.levels
        for item in level.items
        for tool in item.tools
    )
    content = cached_pdf(
        template,
        {"page": page, "guide": guide, "municipality": municipality},
        request,
        # Everything the PDF shows depends on: the published revision and the tools visible.
        key=(page.pk, page.live_revision_id, municipality.name if municipality else "", tools),
    )
    return _pdf_response(content, name)


def guide_pdf(page: HandlingsveilederPage, request: HttpRequest) -> HttpResponse:
    return _guide_pdf(page, request, "handlingsveileder/pdf/guide.html", "handlingsveileder.pdf")


def overview_pdf(page: HandlingsveilederPage, request: HttpRequest) -> HttpResponse:
    return _guide_pdf(
        page, request, "handlingsveileder/pdf/overview.html", "handlingsveileder-oversikt.pdf"
    )
