"""Reads of municipalities: the tenant of a request, and what a user administers."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

from municipalities.models import Municipality

# The order in which Wagtail ranks the sites that may answer a request (wagtail.models.sites).
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = range(4)


def _sites_with_root_and_municipality() -> QuerySet[Site]:
    return Site.objects.order_by().select_related("root_page", "municipality")


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail Site that answers the request, chosen exactly as ``Site.find_for_request``
    does, read together with its root page and its municipality: in one query, or two when
    no site or several sites have the host's name. Wagtail reuses the result: it is stored
    where ``Site.find_for_request`` keeps it for the request."""
    if hasattr(request, "_wagtail_site"):
        cached: Site | None = request._wagtail_site
        return cached
    # Like Wagtail: the raw host, so that an unknown host reaches the default site and Django's
    # ALLOWED_HOSTS check happens later, where it always did.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()
    candidates = _sites_with_root_and_municipality()

    # The usual case: one site has the host's name (whatever its port, as behind a proxy).
    # Then Wagtail's ranking always chooses it, so the default site need not be read.
    named = list(candidates.filter(hostname=hostname))
    site = next((s for s in named if str(s.port) == port), named[0] if len(named) == 1 else None)
    if site is None:
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


def municipalities_administered_by(user: object) -> QuerySet[Municipality]:
    """Municipalities where the user is editor or approver (all of them for superusers)."""
    queryset = Municipality.objects.select_related("site")
    if getattr(user, "is_superuser", False):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    groups = user.groups.all()  # type: ignore[attr-defined]
    return queryset.filter(Q(editors__in=groups) | Q(approvers__in=groups)).distinct()
