"""Reads of a municipality's model. Every query is scoped to one municipality's page tree and
to what the user may see (staff-only pages only for the municipality's own staff)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from municipalities.models import Municipality
from municipalities.selectors import view_restrictions
from samhandlingsmodell.models import (
    ELEMENT_TYPE_PLURALS,
    ElementPage,
    ElementType,
    LevelKey,
    LevelPage,
    ModelHomePage,
    Sector,
    ServiceIndexPage,
    ServicePage,
    TargetGroup,
    Theme,
    TiltakCatalogPage,
)
from samhandlingsmodell.routing import model_children, route_chain

AnyUser = User | AnonymousUser


def municipality_for_page(page: Page, request: HttpRequest | None = None) -> Municipality | None:
    """The municipality whose site contains the page (cached on the page object). The
    request's municipality is used when the page belongs to it, which saves two queries."""
    if hasattr(page, "_municipality_cache"):
        cached: Municipality | None = page._municipality_cache
        return cached
    municipality = getattr(request, "municipality", None) if request is not None else None
    if municipality is None or not page.path.startswith(municipality.site.root_page.path):
        site = page.get_site()
        municipality = (
            Municipality.objects.select_related("site__root_page").filter(site=site).first()
            if site
            else None
        )
        if municipality is not None and request is not None:
            # The request came to another host (a preview in the admin): links carry the
            # municipality's own address, as Wagtail's pageurl gives them.
            municipality._url_base = municipality.site.root_url  # type: ignore[attr-defined]
    page._municipality_cache = municipality  # type: ignore[attr-defined]
    return municipality


def is_municipality_staff(user: AnyUser, municipality: Municipality | None) -> bool:
    if municipality is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    group_ids = {municipality.editors_id, municipality.approvers_id, municipality.staff_id}
    cache_attr = "_samhandling_group_ids"
    user_groups = getattr(user, cache_attr, None)
    if user_groups is None:
        user_groups = set(user.groups.values_list("id", flat=True))
        setattr(user, cache_attr, user_groups)
    return bool(group_ids & user_groups)


def view_restrictions_of(page: Page, municipality: Municipality) -> list[PageViewRestriction]:
    """The view restrictions on the page and its ancestors (as ``Page.get_view_restrictions``
    gives them for a page that is not an alias)."""
    return [r for r in view_restrictions(municipality) if page.path.startswith(r.page_path)]  # type: ignore[attr-defined]


def restricted_paths(municipality: Municipality) -> list[str]:
    """Tree paths of the municipality's pages that have a view restriction (staff only)."""
    root_path = municipality.site.root_page.path
    paths = (r.page_path for r in view_restrictions(municipality))  # type: ignore[attr-defined]
    return [path for path in paths if path.startswith(root_path)]


def is_restricted(page: Page, municipality: Municipality) -> bool:
    return is_restricted_path(page.path, municipality)


def is_restricted_path(tree_path: str, municipality: Municipality) -> bool:
    return any(tree_path.startswith(path) for path in restricted_paths(municipality))


def visible(queryset: PageQuerySet, municipality: Municipality, user: AnyUser) -> PageQuerySet:
    """Live pages of the municipality that the user may see (one filter: every further
    filter() or exclude() on a queryset costs a copy of the query)."""
    condition = Q(live=True, path__startswith=municipality.site.root_page.path)
    if not is_municipality_staff(user, municipality):
        for path in restricted_paths(municipality):
            condition &= ~Q(path__startswith=path)
    return queryset.filter(condition)


def model_home(municipality: Municipality) -> ModelHomePage:
    return ModelHomePage.objects.get(pk=municipality.site.root_page_id)


def _public_sections(municipality: Municipality) -> list[Page]:
    """The live, public children of the model's front page (what ``visible`` gives an
    anonymous visitor), with ``href``: the menu and the front page's shortcuts share them."""
    if not hasattr(municipality, "_public_sections"):
        pages = [
            page
            for page in model_children(municipality)
            if page.live and not is_restricted(page, municipality)
        ]
        municipality._public_sections = with_hrefs(pages, municipality)  # type: ignore[attr-defined]
    sections: list[Page] = municipality._public_sections  # type: ignore[attr-defined]
    return sections


def navigation(municipality: Municipality) -> list[Page]:
    """Top navigation: the live, public children of the model's front page that are shown in
    menus, with ``href``."""
    return [page for page in _public_sections(municipality) if page.show_in_menus]


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


def site_path(page: Page, municipality: Municipality) -> str:
    """The page's path on the municipality's own site, without a query for site root paths
    (pages of a model live under the site's root page)."""
    root_url_path = municipality.site.root_page.url_path
    return "/" + page.url_path[len(root_url_path) :]


def page_href(page: Page, municipality: Municipality) -> str:
    """The URL of one of the municipality's pages as ``{% pageurl %}`` gives it, without
    reading Wagtail's site root paths: the path on the site, preceded by the site's address
    only when the request came to another host (see ``municipality_for_page``)."""
    return url_path_href(page.url_path, municipality)


def url_path_href(url_path: str, municipality: Municipality) -> str:
    """``page_href`` of the page with this ``url_path``."""
    base: str = getattr(municipality, "_url_base", "")
    return base + "/" + url_path[len(municipality.site.root_page.url_path) :]


def with_hrefs(pages: list[Any], municipality: Municipality) -> list[Any]:
    """The pages, each with its URL in ``href`` (templates use it instead of ``pageurl``)."""
    for page in pages:
        page.href = page_href(page, municipality)
    return pages


def breadcrumbs(page: Page, municipality: Municipality) -> list[Page]:
    """The page's ancestors from the model's front page down, with ``href``: from the
    routing when the page was routed (no query), otherwise read."""
    chain = route_chain(page)
    if chain is None:
        chain = list(
            page.get_ancestors()
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "path", "depth")
        )
    return with_hrefs(list(chain), municipality)


def model_diagram(municipality: Municipality, user: AnyUser) -> list[DiagramRow]:
    """Levels × element types with the number of visible elements in each cell."""
    levels = list(visible(LevelPage.objects.all(), municipality, user).order_by("path"))
    counts: dict[tuple[str, str], int] = {}
    rows_qs = visible(ElementPage.objects.all(), municipality, user).values("element_type", "path")
    level_by_path = {level.path: level.level for level in levels}
    for item in rows_qs:
        level_key = level_by_path.get(item["path"][: -Page.steplen])
        if level_key:
            key = (level_key, item["element_type"])
            counts[key] = counts.get(key, 0) + 1
    order = {key: index for index, key in enumerate(LevelKey.values)}
    levels.sort(key=lambda level: order.get(level.level, 99))
    diagram = []
    for level in levels:
        row = DiagramRow(level=level, url=site_path(level, municipality))
        for element_type in ElementType:
            row.cells.append(
                DiagramCell(
                    level=level.level,
                    element_type=element_type.value,
                    label=str(ELEMENT_TYPE_PLURALS[element_type]),
                    count=counts.get((level.level, element_type.value), 0),
                    url=f"{row.url}#{element_type.value}",
                )
            )
        diagram.append(row)
    return diagram


CARD_FIELDS = ("id", "title", "url_path", "summary", "element_type")
SECTOR_LABELS = dict(Sector.choices)


def _cards(queryset: PageQuerySet, municipality: Municipality) -> list[dict[str, Any]]:
    """Element cards (title, summary, type, href) as plain rows: a page object costs more to
    make than the card needs."""
    rows = list(queryset.values(*CARD_FIELDS))
    for row in rows:
        row["href"] = url_path_href(row["url_path"], municipality)
    return rows


def level_elements_by_type(level: LevelPage, user: AnyUser) -> list[dict[str, Any]]:
    municipality = municipality_for_page(level)
    if municipality is None:
        return []
    elements = visible(ElementPage.objects.child_of(level), municipality, user).order_by("path")
    grouped: OrderedDict[str, list[dict[str, Any]]] = OrderedDict(
        (element_type.value, []) for element_type in ElementType
    )
    for element in _cards(elements, municipality):
        grouped.setdefault(element["element_type"], []).append(element)
    return [
        {"key": key, "label": ELEMENT_TYPE_PLURALS[ElementType(key)], "elements": items}
        for key, items in grouped.items()
    ]


def element_detail(element: ElementPage, user: AnyUser) -> dict[str, Any]:
    municipality = municipality_for_page(element)
    if municipality is None:
        return {}
    related = visible(element.related.all(), municipality, user)
    documents = [item.document for item in element.documents.select_related("document")]
    service = None
    if element.responsible_service_id is not None:
        service = (
            visible(
                ServicePage.objects.filter(pk=element.responsible_service_id), municipality, user
            )
            .only("id", "title", "url_path", "path", "depth")
            .first()
        )
        if service is not None:
            service.href = page_href(service, municipality)  # type: ignore[attr-defined]
    chain = route_chain(element)
    return {
        "related_elements": _cards(related, municipality),
        "element_documents": documents,
        "responsible_service_page": service,
        "level_page": chain[-1] if chain else element.get_parent().specific,
    }


def services_by_sector(index_page: ServiceIndexPage) -> list[tuple[str, list[dict[str, Any]]]]:
    municipality = municipality_for_page(index_page)
    if municipality is None:
        return []
    services = (
        visible(ServicePage.objects.child_of(index_page), municipality, AnonymousUser())
        .order_by("title")
        .values("id", "title", "url_path", "sector", "is_internal")
    )
    grouped: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for service in services:
        service["href"] = url_path_href(service["url_path"], municipality)
        sector = str(SECTOR_LABELS.get(service["sector"], service["sector"]))
        grouped.setdefault(sector, []).append(service)
    return list(grouped.items())


def service_owned_elements(service: ServicePage, user: AnyUser) -> list[dict[str, Any]]:
    municipality = municipality_for_page(service)
    if municipality is None:
        return []
    elements = visible(
        ElementPage.objects.filter(responsible_service=service), municipality, user
    ).order_by("title")
    grouped: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for element in _cards(elements, municipality):
        grouped.setdefault(element["element_type"], []).append(element)
    return [
        {"key": key, "label": ELEMENT_TYPE_PLURALS[ElementType(key)], "elements": items}
        for key, items in sorted(grouped.items(), key=lambda kv: ElementType.values.index(kv[0]))
    ]


CATALOG_PAGE_SIZE = 20


def tiltak_catalog(
    catalog: TiltakCatalogPage, user: AnyUser, params: Mapping[str, str]
) -> dict[str, Any]:
    """The tiltak of the municipality, filtered by target group, level, service and theme.

    The levels and services for the filters come in one query, and the matching tiltak with
    their target groups as plain rows in another (a municipality has tens of tiltak: the page
    of 20 is cut here)."""
    municipality = municipality_for_page(catalog)
    if municipality is None:
        return {}
    level_type = ContentType.objects.get_for_model(LevelPage).pk
    service_type = ContentType.objects.get_for_model(ServicePage).pk
    levels, services = [], []
    for pk, path, depth, title, content_type, level_key in (
        visible(
            Page.objects.filter(content_type__in=[level_type, service_type]), municipality, user
        )
        .order_by("title", "pk")
        .values_list("id", "path", "depth", "title", "content_type", "levelpage__level")
    ):
        option = {"pk": pk, "path": path, "depth": depth, "title": title, "level": level_key}
        if content_type == level_type:
            levels.append(option)
        elif not is_restricted_path(path, municipality):  # services as anonymous visitors see them
            services.append(option)
    levels.sort(key=lambda lvl: LevelKey.values.index(lvl["level"]))
    themes = list(Theme.objects.filter(municipality=municipality))
    target_groups = list(TargetGroup.objects.all())

    chosen = {
        "target": params.get("malgruppe", ""),
        "level": params.get("niva", ""),
        "service": params.get("tjeneste", ""),
        "theme": params.get("tema", ""),
    }
    tiltak = visible(
        ElementPage.objects.filter(element_type=ElementType.TILTAK), municipality, user
    )
    # Many-to-many filters as subqueries, so that no row comes twice and no DISTINCT is needed.
    if chosen["target"]:
        tiltak = tiltak.filter(
            pk__in=ElementPage.target_groups.through.objects.filter(
                targetgroup__key=chosen["target"]
            ).values("elementpage_id")
        )
    if chosen["level"]:
        level = next((lvl for lvl in levels if lvl["level"] == chosen["level"]), None)
        tiltak = (
            tiltak.filter(path__startswith=level["path"], depth=level["depth"] + 1)
            if level
            else tiltak.none()
        )
    if chosen["service"].isdigit():
        tiltak = tiltak.filter(responsible_service_id=int(chosen["service"]))
    if chosen["theme"]:
        tiltak = tiltak.filter(
            pk__in=ElementPage.themes.through.objects.filter(
                theme__key=chosen["theme"], theme__municipality=municipality
            ).values("elementpage_id")
        )
    # One row per tiltak and target group (the join), folded into one item per tiltak.
    items: dict[int, dict[str, Any]] = {}
    groups_of: dict[int, set[int]] = {}
    for row in tiltak.order_by("title", "pk").values(
        "id", "title", "url_path", "path", "summary", "responsible_service__title", "target_groups"
    ):
        items.setdefault(row["id"], row)
        groups_of.setdefault(row["id"], set()).add(row["target_groups"])
    page = Paginator(list(items.values()), CATALOG_PAGE_SIZE).get_page(params.get("side"))
    title_by_path = {lvl["path"]: lvl["title"] for lvl in levels}
    for item in page.object_list:
        item["href"] = url_path_href(item["url_path"], municipality)
        item["level_title"] = title_by_path.get(item["path"][: -Page.steplen], "")
        item["service_title"] = item.pop("responsible_service__title")
        item["target_groups"] = [g for g in target_groups if g.pk in groups_of[item["id"]]]
    query = {key: value for key, value in params.items() if key != "side" and value}
    return {
        "tiltak_page": page,
        "filter_query": urlencode(query),
        "filters": {
            "target_groups": target_groups,
            "levels": levels,
            "services": services,
            "themes": themes,
        },
        "chosen": chosen,
        "any_filter": any(chosen.values()),
    }


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


def published_models(request: HttpRequest) -> list[dict[str, Any]]:
    """Municipalities whose model front page is live, for the national front page, with a link
    on the same scheme and port as the request (so it works on :8000 in development)."""
    host = request.get_host()
    port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else ""
    suffix = f":{port}" if port and port not in ("80", "443") else ""
    return [
        {
            "name": m.name,
            "number": m.number,
            "language": m.language,
            "fictional": m.fictional,
            "url": f"{request.scheme}://{m.site.hostname}{suffix}/",
        }
        for m in Municipality.objects.select_related("site")
        .filter(site__root_page__live=True)
        .order_by("name")
    ]


def model_shortcuts(municipality: Municipality) -> dict[str, Page | None]:
    """The model's fixed pages (service directory, tiltak catalogue, and those other apps
    register with the ``register_model_shortcut`` hook, such as the handlingsveileder), if
    published, with ``href``."""
    models: dict[type[Page], str] = {
        ServiceIndexPage: "service_index",
        TiltakCatalogPage: "tiltak_catalog",
    }
    for hook in hooks.get_hooks("register_model_shortcut"):
        key, model = hook()
        models[model] = key
    found: dict[str, Page | None] = dict.fromkeys(models.values())
    content_types = {
        ContentType.objects.get_for_model(model).pk: key for model, key in models.items()
    }
    for page in _public_sections(municipality):
        key = content_types.get(page.content_type_id)
        if key:
            found[key] = page
    return found
