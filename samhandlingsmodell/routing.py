"""Routing below a model's front page in two queries, whatever the depth of the page.

Wagtail's own routing reads every page on the way twice (the child by slug, then the child as
its own type). Here the pages on the way are read in one query by their ``url_path``, then
only the page that handles the request is read as its own type. The result is the same as
Wagtail's: a page whose type has its own ``route`` (such as a ``RoutablePageMixin`` page) still
gets the rest of the path, a page that is not live gives 404, and anything unexpected
(inconsistent tree data, a deleted page type) falls back to Wagtail's routing.

The pages on the way are kept on the routed page (``route_chain``), so that breadcrumbs, the
parent and the view restrictions of the page need no further queries. The same query reads the
front page's children, which every page shows in its menu (``model_children``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.http import Http404, HttpRequest
from wagtail.models import Page
from wagtail.url_routing import RouteResult

if TYPE_CHECKING:
    from municipalities.models import Municipality

CHAIN_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "slug",
    "live",
    "content_type",
    "alias_of",
    "show_in_menus",
)
ROUTE_CHAIN = "_samhandling_route_chain"
MODEL_CHILDREN = "_samhandling_model_children"


def route_chain(page: Page) -> list[Page] | None:
    """The pages from the model's front page down to the page's parent, when the page was
    routed here (None otherwise). The pages carry only ``CHAIN_FIELDS``."""
    chain: list[Page] | None = getattr(page, ROUTE_CHAIN, None)
    return chain


def model_children(municipality: Municipality) -> list[Page]:
    """All children of the municipality's front page (live or not, restricted or not), ordered
    by path, with ``CHAIN_FIELDS``: read while routing, or here. Once per request (the
    municipality object lives for one request)."""
    children: list[Page] | None = getattr(municipality, MODEL_CHILDREN, None)
    if children is None:
        home = municipality.site.root_page
        children = list(
            Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
            .order_by("path")
            .only(*CHAIN_FIELDS)
        )
        setattr(municipality, MODEL_CHILDREN, children)
    return children


def route_below(
    home: Page,
    request: HttpRequest,
    components: list[str],
    municipality: Municipality | None,
) -> RouteResult | None:
    """Route ``components`` below ``home``, or None when Wagtail's routing should do it."""
    prefixes = []
    url_path = home.url_path
    for component in components:
        url_path += component + "/"
        prefixes.append(url_path)
    wanted = Q(url_path__in=prefixes)
    read_children = municipality is not None and not hasattr(municipality, MODEL_CHILDREN)
    if read_children:
        wanted |= Q(depth=home.depth + 1)
    found = list(
        Page.objects.filter(
            wanted,
            path__startswith=home.path,
            depth__gt=home.depth,
            depth__lte=home.depth + len(components),
        )
        .order_by("path")
        .only(*CHAIN_FIELDS)
    )
    if read_children:
        setattr(municipality, MODEL_CHILDREN, [row for row in found if row.depth == home.depth + 1])
    wanted_paths = set(prefixes)
    rows = sorted((row for row in found if row.url_path in wanted_paths), key=lambda r: r.depth)
    chain: list[Page] = [home]
    for index, row in enumerate(rows):
        parent = chain[-1]
        if (
            row.depth != parent.depth + 1
            or row.path[: -Page.steplen] != parent.path
            or row.slug != components[index]
            or row.specific_class is None
        ):
            return None  # not the tree Wagtail would walk: let Wagtail route
        row._cached_parent_obj = parent  # type: ignore[attr-defined]
        chain.append(row)
    if not rows:
        raise Http404
    for index, row in enumerate(rows):
        model: Any = row.specific_class
        last = index == len(rows) - 1
        if model.route is not Page.route or last:
            page = model._default_manager.get(pk=row.pk)
            page._cached_parent_obj = chain[index]
            setattr(page, ROUTE_CHAIN, chain[: index + 1])
            if municipality is not None:
                page._municipality_cache = municipality
            result: RouteResult = page.route(request, components[index + 1 :])
            return result
    return None  # not reached: the last row always answers
