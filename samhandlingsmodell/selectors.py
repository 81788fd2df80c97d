"""Reads of a municipality's model. Every query is scoped to one municipality's page tree and
to what the user may see (staff-only pages only for the municipality's own staff)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from municipalities.models import Municipality
from municipalities.selectors import view_restrictions
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
