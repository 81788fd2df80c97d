"""The published samhandlingsmodell's page types (the taxonomies they use are in ``taxonomy``).

Tree per municipality (the root page of the municipality's Wagtail Site):

    ModelHomePage
      LevelPage (kommune, tjeneste, individ)
        ElementPage (plan, rutine, arena, verktøy, tiltak, kompetanse)
      ServiceIndexPage ("Hvem kan hjelpe?")
        ServicePage
      TiltakCatalogPage
      HandlingsveilederPage (app handlingsveileder)

The national front page (NationalHomePage) is the root of the default site.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from municipalities.models import Municipality
from samhandlingsmodell.diagram import DiagramCell, DiagramRow, diagram_layouts
from samhandlingsmodell.models.base import ModelPage
from samhandlingsmodell.models.taxonomy import (
    ELEMENT_TYPE_PLURALS,
    RICH_TEXT_FEATURES,
    Dimension,
    ElementType,
    LevelKey,
    Sector,
    TargetGroup,
    Theme,
    ToolKind,
)
from samhandlingsmodell.routing import ROUTE_CHAIN, route_below, route_chain
from samhandlingsmodell.selectors import (
    AnyUser,
    _public_sections,
    municipality_for_page,
    page_href,
    site_path,
    url_path_href,
    visible,
)


class ModelHomePage(ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        municipality = context["municipality"]
        if municipality is not None:
            diagram = model_diagram(municipality, request.user)
            context["diagram"] = diagram
            context["diagram_layouts"] = diagram_layouts(diagram)
            context.update(model_shortcuts(municipality))
            # What other parts say about the model on its front page (the grant project:
            # Bufdir's approval), as HTML fragments from the ``model_front_page_notices`` hook.
            context["front_page_notices"] = [
                notice
                for hook in hooks.get_hooks("model_front_page_notices")
                if (notice := hook(request, municipality))
            ]
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Pages below the front page are routed in two queries (samhandlingsmodell.routing)."""
        municipality = getattr(request, "municipality", None)
        if municipality is not None and municipality.site.root_page_id != self.pk:
            municipality = None
        if path_components:
            result = route_below(self, request, path_components, municipality)
            if result is not None:
                return result
        else:
            # The front page itself is shown: read the fields that the site lookup left out
            # (municipalities.selectors.site_for_request), all in one query.
            if deferred := self.get_deferred_fields():
                self.refresh_from_db(fields=list(deferred))
            if municipality is not None:
                setattr(self, ROUTE_CHAIN, [])
                self._municipality_cache = municipality  # type: ignore[attr-defined]
        return super().route(request, path_components)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "samhandlingsmodell.LevelPage",
        "samhandlingsmodell.ServiceIndexPage",
        "samhandlingsmodell.TiltakCatalogPage",
        "handlingsveileder.HandlingsveilederPage",
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("model front page")


class LevelPage(ModelPage):
    level = models.CharField(_("level"), max_length=10, choices=LevelKey.choices)
    audience = models.CharField(_("for whom"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    dokumentasjon = RichTextField(_("documentation"), blank=True, features=RICH_TEXT_FEATURES)
    evaluering = RichTextField(_("evaluation"), blank=True, features=RICH_TEXT_FEATURES)
    brukermedvirkning = RichTextField(
        _("user participation"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("level"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("dokumentasjon"),
                FieldPanel("evaluering"),
                FieldPanel("brukermedvirkning"),
            ],
            heading=_("Documentation, evaluation and user participation"),
        ),
    ]
    parent_page_types = ["samhandlingsmodell.ModelHomePage"]
    subpage_types = ["samhandlingsmodell.ElementPage"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("dokumentasjon"),
        index.SearchField("evaluering"),
        index.SearchField("brukermedvirkning"),
    ]

    class Meta:
        verbose_name = _("level")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = level_elements_by_type(self, request.user)
        return context


class ElementPage(ModelPage):
    element_type = models.CharField(_("type"), max_length=12, choices=ElementType.choices)
    dimension = models.CharField(
        _("dimension"), max_length=10, choices=Dimension.choices, default=Dimension.STRUKTUR
    )
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = RichTextField(_("content"), blank=True, features=RICH_TEXT_FEATURES)
    responsible_service = models.ForeignKey(
        "samhandlingsmodell.ServicePage",
        verbose_name=_("responsible service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_elements",
    )
    responsible_role = models.CharField(_("responsible role"), max_length=200, blank=True)
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="elements"
    )
    related = ParentalManyToManyField(
        "self", verbose_name=_("related elements"), blank=True, symmetrical=False
    )
    # Meeting arenas
    purpose = models.TextField(_("purpose"), blank=True)
    participants = models.TextField(_("participants"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=200, blank=True)
    convener = models.CharField(_("who calls the meeting"), max_length=200, blank=True)
    # Tools
    tool_kind = models.CharField(
        _("kind of tool"), max_length=15, choices=ToolKind.choices, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("element_type"), FieldPanel("dimension")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("responsible_service"), FieldPanel("responsible_role")],
            heading=_("Responsibility"),
        ),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("participants"),
                FieldPanel("frequency"),
                FieldPanel("convener"),
            ],
            heading=_("Meeting arena"),
            help_text=_("Fill in for meeting arenas."),
        ),
        MultiFieldPanel(
            [FieldPanel("tool_kind"), InlinePanel("documents", label=_("Documents to download"))],
            heading=_("Tool"),
            help_text=_("Fill in for tools."),
        ),
    ]
    parent_page_types = ["samhandlingsmodell.LevelPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("responsible_role"),
        index.SearchField("purpose"),
        index.SearchField("participants"),
        index.FilterField("element_type"),
    ]

    class Meta:
        verbose_name = _("model element")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(element_detail(self, request.user))
        return context


class ElementDocument(Orderable):
    page = ParentalKey(ElementPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]


class ServiceIndexPage(ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["samhandlingsmodell.ModelHomePage"]
    subpage_types = ["samhandlingsmodell.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service directory")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = services_by_sector(self)
        return context


class ServicePage(ModelPage):
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    is_internal = models.BooleanField(
        _("municipal service"),
        default=True,
        help_text=_(
            "Untick for partners outside the municipality "
            "(specialist health care, police, volunteers)."
        ),
    )
    mandate = RichTextField(_("mandate"), blank=True, features=RICH_TEXT_FEATURES)
    contribution = RichTextField(
        _("what the service can contribute"), blank=True, features=RICH_TEXT_FEATURES
    )
    when_to_involve = RichTextField(
        _("when and how to involve the service"), blank=True, features=RICH_TEXT_FEATURES
    )
    contact = RichTextField(_("contact"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("sector"), FieldPanel("is_internal")]),
        FieldPanel("mandate"),
        FieldPanel("contribution"),
        FieldPanel("when_to_involve"),
        FieldPanel("contact"),
    ]
    parent_page_types = ["samhandlingsmodell.ServiceIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("mandate"),
        index.SearchField("contribution"),
        index.SearchField("when_to_involve"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["owned"] = service_owned_elements(self, request.user)
        return context


# What the page types' templates show (read with the page classes above, so that the pages
# and their reads need no module cycle). Every read is scoped to the municipality and to what
# the user may see.


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


def model_shortcuts(municipality: Municipality) -> dict[str, Page | None]:
    """The model's fixed pages that the apps register with the ``register_model_shortcut`` hook
    (the service directory and the tiltak catalogue here, the handlingsveileder), if
    published, with ``href``."""
    models: dict[type[Page], str] = {}
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
