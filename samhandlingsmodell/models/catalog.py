"""The tiltak catalogue: every measure of the model, filtered by target group, level, service
and theme."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from samhandlingsmodell.models.base import ModelPage
from samhandlingsmodell.models.pages import ElementPage, LevelPage, ServicePage
from samhandlingsmodell.models.taxonomy import (
    RICH_TEXT_FEATURES,
    ElementType,
    LevelKey,
    TargetGroup,
    Theme,
)
from samhandlingsmodell.selectors import (
    AnyUser,
    is_restricted_path,
    municipality_for_page,
    url_path_href,
    visible,
)


class TiltakCatalogPage(ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["samhandlingsmodell.ModelHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tiltak catalogue")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(tiltak_catalog(self, request.user, request.GET))
        return context


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
