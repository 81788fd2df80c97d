"""The base of every page in a municipality's model (its admin form, localisation, view
restrictions and cache headers) and the national front page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.richtext import sanitize_rich_text
from samhandlingsmodell.models.taxonomy import (
    RICH_TEXT_FEATURES,
    Theme,
)
from samhandlingsmodell.placeholders import comparable_text, text_fields
from samhandlingsmodell.routing import route_chain
from samhandlingsmodell.selectors import (
    breadcrumbs,
    is_restricted,
    municipality_for_page,
    navigation,
    page_href,
    published_models,
    view_restrictions_of,
)


class ModelPageForm(WagtailAdminPageForm):
    """Admin form for every model page: tenant-scoped choices, sanitised rich text, and the
    template-text flag cleared as soon as an editor changes the text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        home = self._model_home()
        if home is None:
            return
        if "themes" in self.fields:
            self.fields["themes"].queryset = Theme.objects.filter(  # type: ignore[attr-defined]
                municipality__site__root_page=home
            )
        # The choices of services and related elements: pages of this municipality's model.
        for name in ("responsible_service", "related"):
            if name in self.fields:
                choices = self.fields[name].queryset.descendant_of(home)  # type: ignore[attr-defined]
                if name == "related":
                    choices = choices.exclude(pk=self.instance.pk)
                self.fields[name].queryset = choices  # type: ignore[attr-defined]

    def _model_home(self) -> Page | None:
        """The model's front page: the root page of the municipality's site."""
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is None:
            return None
        municipality = municipality_for_page(anchor)
        return municipality.site.root_page if municipality is not None else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(cleaned.get(name), str) and field.__class__.__name__ == "RichTextField":
                cleaned[name] = sanitize_rich_text(cleaned[name])
        # The mark says the page's text is still the template's (Modellsjekk names every page
        # that has it): a change to the text clears it, a new review date, slug or menu setting
        # does not. Rich text is compared as text, since the editor's round trip rewrites the
        # markup of an unchanged text. An editor who accepts the template's text unticks it.
        if "template_text" not in self.changed_data and self._text_changed(cleaned):
            cleaned["template_text"] = False
        return cleaned

    def _text_changed(self, cleaned: dict[str, Any]) -> bool:
        return any(
            field.name in self.changed_data
            and comparable_text(self.initial.get(field.name))
            != comparable_text(cleaned.get(field.name))
            for field in text_fields(self.instance)
        )


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
        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = published_models(request)
        return context

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("national front page")
