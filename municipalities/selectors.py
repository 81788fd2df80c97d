"""Reads of municipalities: the tenant of a request (its site, root page, municipality and the
view restrictions in its model), and what a user administers."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection
from django.db.models import IntegerField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from core.compiled import Converters, column_converters, convert_rows, field_column
from municipalities.admin_scope import AdminScope
from municipalities.models import Municipality

# The order in which Wagtail ranks the sites that may answer a request (wagtail.models.sites).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = range(4)


def _sites_with_root_and_municipality() -> QuerySet[Site]:
    return Site.objects.order_by().select_related("root_page", "municipality")


# The tenant is read on every request, so it is read in one hand-written query: the sites with
# the host's name, each with its root page, its municipality and the view restrictions on pages
# in or above its model. The ORM needed two queries and some 5 ms for this, mostly to build
# them; this takes 1.5. The columns come from the models, and the values pass through the
# same converters as in the ORM, so it stays right on PostgreSQL and SQLite.
_RESTRICTION_FIELDS = ("id", "restriction_type", "password", "page_id")


@cache
def _tenant_query() -> tuple[str, list[tuple[type[Model], list[str]]], Converters]:
    quote = connection.ops.quote_name
    parts = []
    select: list[str] = []
    columns: list[Any] = []
    for model, alias in ((Site, "s"), (Page, "p"), (Municipality, "m")):
        fields = model._meta.concrete_fields
        select += [f"{alias}.{quote(str(f.column))}" for f in fields]
        columns += [f.get_col(alias) for f in fields]
        parts.append((model, [f.attname for f in fields]))
    restriction = PageViewRestriction._meta
    select += [f"r.{quote(str(restriction.get_field(n).column))}" for n in _RESTRICTION_FIELDS]
    columns += [field_column(PageViewRestriction, n, "r") for n in _RESTRICTION_FIELDS]
    path, pk = quote("path"), quote("id")
    select.append(f"rp.{path}")
    columns.append(field_column(Page, "path", "rp"))
    site_table, page_table = quote(Site._meta.db_table), quote(Page._meta.db_table)
    municipality_table = quote(Municipality._meta.db_table)
    # Only names from the models, quoted: the host name is the one parameter.
    sql = (
        f"SELECT {', '.join(select)} FROM {site_table} s"  # noqa: S608
        f" JOIN {page_table} p ON p.{pk} = s.{quote('root_page_id')}"
        f" LEFT JOIN {municipality_table} m ON m.{quote('site_id')} = s.{pk}"
        f" LEFT JOIN ({quote(restriction.db_table)} r"
        f" JOIN {page_table} rp ON rp.{pk} = r.{quote('page_id')})"
        # restrictions on the root page's subtree, or on its ancestors
        f" ON (SUBSTR(rp.{path}, 1, LENGTH(p.{path})) = p.{path}"
        f" OR SUBSTR(p.{path}, 1, LENGTH(rp.{path})) = rp.{path})"
        f" WHERE s.{quote('hostname')} = %s ORDER BY s.{pk}, r.{pk}"
    )
    return sql, parts, column_converters(columns, using=connection.alias)


def _named_sites(hostname: str) -> list[Site]:
    """The sites with this host name, each with its root page, its municipality (or None) and
    that municipality's view restrictions, in one query."""
    sql, parts, converters = _tenant_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [hostname])
        rows = convert_rows(cursor.fetchall(), converters, using=connection.alias)
    sites: dict[int, Site] = {}
    for row in rows:
        values = list(row)
        if values[0] not in sites:
            objects = []
            for model, names in parts:
                count = len(names)
                chunk, values = values[:count], values[count:]
                pk = chunk[names.index(model._meta.pk.attname)]
                objects.append(
                    None if pk is None else model.from_db(connection.alias, names, chunk)
                )
            site, root, municipality = objects
            assert site is not None and root is not None  # inner joins
            Site._meta.get_field("root_page").set_cached_value(site, root)
            Site._meta.get_field("municipality").set_cached_value(site, municipality)
            if municipality is not None:
                Municipality._meta.get_field("site").set_cached_value(municipality, site)
                municipality._view_restrictions = []  # type: ignore[attr-defined]
            sites[site.pk] = site
        else:
            values = values[sum(len(names) for _, names in parts) :]
        restriction_values, page_path = values[:-1], values[-1]
        municipality = getattr(sites[row[0]], "municipality", None)
        if restriction_values[0] is not None and municipality is not None:
            restriction = PageViewRestriction.from_db(
                connection.alias, list(_RESTRICTION_FIELDS), restriction_values
            )
            restriction.page_path = page_path  # type: ignore[attr-defined]
            municipality._view_restrictions.append(restriction)  # type: ignore[attr-defined]
    return list(sites.values())


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail Site that answers the request, chosen exactly as ``Site.find_for_request``
    does, read together with its root page, its municipality and the view restrictions in its
    model: in one query, or two when no site or several sites have the host's name. Wagtail
    reuses the result: it is stored where ``Site.find_for_request`` keeps it for the
    request."""
    if hasattr(request, "_wagtail_site"):
        cached: Site | None = request._wagtail_site
        return cached
    # Like Wagtail: the raw host, so that an unknown host reaches the default site and Django's
    # ALLOWED_HOSTS check happens later, where it always did.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()

    # The usual case: one site has the host's name (whatever its port, as behind a proxy).
    # Then Wagtail's ranking always chooses it, so the default site need not be read.
    named = _named_sites(hostname)
    site = next((s for s in named if str(s.port) == port), named[0] if len(named) == 1 else None)
    if site is None:
        candidates = _sites_with_root_and_municipality()
        sites = list(candidates.filter(Q(hostname=hostname) | Q(is_default_site=True)))

        def rank(site: Site) -> int:
            if site.hostname == hostname and str(site.port) == port:
                return _HOSTNAME_PORT
            if site.hostname == hostname and site.is_default_site:
                return _HOSTNAME_DEFAULT
            return _DEFAULT if site.is_default_site else _HOSTNAME

        sites.sort(key=rank)
        if sites and (len(sites) == 1 or rank(sites[0]) in (_HOSTNAME_PORT, _HOSTNAME_DEFAULT)):
            site = sites[0]
        elif sites and rank(sites[0]) == _DEFAULT:
            site = sites[len(sites) == 2]
    if site is not None and site.root_page.specific_class is not None:
        # Wagtail routes from the root page as its own type. Made from the fields read here,
        # without a query: routing below the root needs no more. Its own fields (the front
        # page's introduction, say) are read only if the root page itself is shown
        # (samhandlingsmodell.models.ModelHomePage.route).
        site.root_page.__dict__["specific"] = site.root_page.specific_deferred
    request._wagtail_site = site  # type: ignore[attr-defined]
    return site


def municipality_for_site(site: Site | None) -> Municipality | None:
    """The municipality that owns the site (read with the site by ``site_for_request``)."""
    if site is None or site.is_default_site:
        return None
    municipality: Municipality | None = getattr(site, "municipality", None)
    return municipality


def view_restrictions(municipality: Municipality) -> list[PageViewRestriction]:
    """Every view restriction that can apply to a page of the municipality's model: those on
    its pages and those on the pages above its front page, each with the tree path of its page
    in ``page_path``. Read with the tenant (``site_for_request``), otherwise here, once: the
    municipality object lives for one request."""
    if not hasattr(municipality, "_view_restrictions"):
        root_path = municipality.site.root_page.path
        condition = Q(page__path__startswith=root_path)
        for end in range(Page.steplen, len(root_path), Page.steplen):
            condition |= Q(page__path=root_path[:end])
        restrictions = []
        for *values, page_path in (
            PageViewRestriction.objects.filter(condition)
            .order_by("id")
            .values_list(*_RESTRICTION_FIELDS, "page__path")
        ):
            restriction = PageViewRestriction.from_db(
                connection.alias, list(_RESTRICTION_FIELDS), values
            )
            restriction.page_path = page_path  # type: ignore[attr-defined]
            restrictions.append(restriction)
        municipality._view_restrictions = restrictions  # type: ignore[attr-defined]
    found: list[PageViewRestriction] = municipality._view_restrictions  # type: ignore[attr-defined]
    return found


def municipalities_administered_by(user: object) -> QuerySet[Municipality]:
    """Municipalities where the user is editor or approver (all of them for superusers)."""
    queryset = Municipality.objects.select_related("site")
    if getattr(user, "is_superuser", False):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    groups = user.groups.all()  # type: ignore[attr-defined]
    return queryset.filter(Q(editors__in=groups) | Q(approvers__in=groups)).distinct()


DASHBOARD_ROWS = 8


def drafts_of(user: Any, scope: AdminScope, limit: int = DASHBOARD_ROWS) -> list[Page]:
    """The user's drafts: pages in the user's scope whose latest version the user saved and
    that nobody has sent for approval, newest first."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowState

    in_workflow = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return list(
        scope.pages(Page.objects.all())
        .filter(has_unpublished_changes=True, latest_revision__user=user)
        .exclude(pk__in=in_workflow)
        .order_by("-latest_revision_created_at")[:limit]
    )


def recently_published(scope: AdminScope, limit: int = DASHBOARD_ROWS) -> list[Any]:
    """The latest publications of pages in the user's scope, with who published them."""
    from wagtail.models import PageLogEntry

    return list(
        PageLogEntry.objects.filter(scope.page_condition("page__"), action="wagtail.publish")
        .select_related("page", "user")
        .order_by("-timestamp")[:limit]
    )
