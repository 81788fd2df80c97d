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

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.richtext import sanitize_rich_text
from samhandlingsmodell.models.taxonomy import (
    RICH_TEXT_FEATURES,
    Dimension,
    ElementType,
    LevelKey,
    Sector,
    TargetGroup,
    Theme,
    ToolKind,
)


class ModelPageForm(WagtailAdminPageForm):
    """Admin form for every model page: tenant-scoped choices, sanitised rich text, and the
    template-text flag cleared as soon as an editor changes the content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        home = self._model_home()
        if home is None:
            return
        if "themes" in self.fields:
            self.fields["themes"].queryset = Theme.objects.filter(  # type: ignore[attr-defined]
                municipality__site__root_page=home
            )
        if "responsible_service" in self.fields:
            self.fields["responsible_service"].queryset = (  # type: ignore[attr-defined]
                ServicePage.objects.descendant_of(home)
            )
        if "related" in self.fields:
            self.fields["related"].queryset = (  # type: ignore[attr-defined]
                ElementPage.objects.descendant_of(home).exclude(pk=self.instance.pk)
            )

    def _model_home(self) -> Page | None:
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is None:
            return None
        return ModelHomePage.objects.ancestor_of(anchor, inclusive=True).first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(cleaned.get(name), str) and field.__class__.__name__ == "RichTextField":
                cleaned[name] = sanitize_rich_text(cleaned[name])
        if self.has_changed() and "template_text" not in self.changed_data:
            cleaned["template_text"] = False
        return cleaned


class ModelPage(Page):
    """Abstract base for the pages of a municipality's model."""

    template_text = models.BooleanField(
        _("template text"),
        default=False,
        help_text=_("The text comes from the national template and is not yet adapted."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the content was last checked to be correct."),
    )

    base_form_class = ModelPageForm
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("template_text"),
        FieldPanel("last_reviewed"),
    ]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, RichTextField):
                value = getattr(self, field.attname)
                if value:
                    setattr(self, field.attname, sanitize_rich_text(value))
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from samhandlingsmodell.selectors import (
            breadcrumbs,
            municipality_for_page,
            navigation,
            page_href,
        )

        context = super().get_context(request, *args, **kwargs)
        municipality = municipality_for_page(self, request)
        context["municipality"] = municipality
        context["nav_pages"] = navigation(municipality) if municipality else []
        if municipality is not None:
            context["page_url"] = page_href(self, municipality)
            context["breadcrumb_pages"] = breadcrumbs(self, municipality)
        return context

    def get_view_restrictions(self) -> Any:
        """The view restrictions of a page routed below its model's front page, taken from the
        municipality's restrictions that are read once per request; otherwise Wagtail's."""
        from samhandlingsmodell.routing import route_chain
        from samhandlingsmodell.selectors import view_restrictions_of

        chain = route_chain(self)
        municipality = getattr(self, "_municipality_cache", None)
        if (
            chain is None
            or municipality is None
            or municipality.site.root_page.depth != 2  # only the tree's root above the model
            or self.alias_of_id
            or any(page.alias_of_id for page in chain)
        ):
            return super().get_view_restrictions()
        return view_restrictions_of(self, municipality)

    def _language(self, request: HttpRequest) -> str:
        from samhandlingsmodell.selectors import municipality_for_page

        municipality = municipality_for_page(self, request)
        return municipality.language if municipality else settings.LANGUAGE_CODE

    def render_localised(
        self, request: HttpRequest, produce: Callable[[], HttpResponse]
    ) -> HttpResponse:
        """The response of ``produce``, rendered in the municipality's written standard."""
        with translation.override(self._language(request)):
            response = produce()
            if hasattr(response, "render"):
                response.render()
        return response

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        return self.render_localised(request, partial(super().serve_preview, request, mode_name))

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = self.render_localised(request, partial(super().serve, request, *args, **kwargs))
        return self.set_cache_headers(request, response)

    def set_cache_headers(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Public pages may be kept by a front cache; anything else is private."""
        from samhandlingsmodell.selectors import is_restricted, municipality_for_page

        municipality = municipality_for_page(self, request)
        restricted = municipality is None or is_restricted(self, municipality)
        if request.user.is_authenticated or restricted:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return response


class NationalHomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from samhandlingsmodell.selectors import published_models

        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = published_models(request)
        return context

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("national front page")


class ModelHomePage(ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from samhandlingsmodell.diagram import diagram_layouts
        from samhandlingsmodell.selectors import model_diagram, model_shortcuts

        context = super().get_context(request, *args, **kwargs)
        municipality = context["municipality"]
        if municipality is not None:
            diagram = model_diagram(municipality, request.user)
            context["diagram"] = diagram
            context["diagram_layouts"] = diagram_layouts(diagram)
            context.update(model_shortcuts(municipality))
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Pages below the front page are routed in two queries (samhandlingsmodell.routing)."""
        from samhandlingsmodell.routing import ROUTE_CHAIN, route_below

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
        from samhandlingsmodell.selectors import level_elements_by_type

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
        from samhandlingsmodell.selectors import element_detail

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
        from samhandlingsmodell.selectors import services_by_sector

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
        from samhandlingsmodell.selectors import service_owned_elements

        context = super().get_context(request, *args, **kwargs)
        context["owned"] = service_owned_elements(self, request.user)
        return context


class TiltakCatalogPage(ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["samhandlingsmodell.ModelHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tiltak catalogue")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from samhandlingsmodell.selectors import tiltak_catalog

        context = super().get_context(request, *args, **kwargs)
        context.update(tiltak_catalog(self, request.user, request.GET))
        return context
