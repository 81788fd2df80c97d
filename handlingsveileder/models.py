"""The handlingsveileder ("fra bekymring til handling") of one municipality: one page in its
model, with levels 0–3 as structured content and routes for the step-by-step guide, the
public version, the flow chart and the PDFs."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from handlingsveileder import views
from handlingsveileder.blocks import LEVEL_NUMBERS, LevelBlock
from handlingsveileder.selectors import foreign_tool_titles
from samhandlingsmodell.models import RICH_TEXT_FEATURES, ModelPage, ModelPageForm


class HandlingsveilederPageForm(ModelPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        home = self._model_home()
        levels = cleaned.get("levels")
        if home is not None and levels is not None:
            foreign = foreign_tool_titles(levels, home)
            if foreign:
                self.add_error(
                    "levels",
                    _("These tools do not belong to this municipality's model: %(titles)s")
                    % {"titles": ", ".join(foreign)},
                )
        return cleaned


class HandlingsveilederPage(RoutablePageMixin, ModelPage):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    acute_text = RichTextField(
        _("acute danger"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What staff do when a child is in acute danger. Always shown."),
    )
    barnevern_text = RichTextField(
        _("route to barnevernstjenesten"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("The duty to report, and how a concern is reported to barnevernstjenesten."),
    )
    close_text = RichTextField(
        _("when the concern is closed"),
        blank=True,
        features=RICH_TEXT_FEATURES,
    )
    stafett_from_level = models.CharField(
        _("stafettholder and stafettlogg from level"),
        max_length=1,
        choices=LEVEL_NUMBERS,
        blank=True,
        help_text=_("Leave empty if the municipality does not use stafettlogg."),
    )
    levels = StreamField([("level", LevelBlock())], blank=True, verbose_name=_("levels"))
    public_title = models.CharField(
        _("title of the public version"), max_length=200, default="", blank=True
    )
    public_intro = models.TextField(_("introduction of the public version"), blank=True)
    public_body = RichTextField(
        _("content of the public version"), blank=True, features=RICH_TEXT_FEATURES
    )

    base_form_class = HandlingsveilederPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("acute_text"), FieldPanel("barnevern_text"), FieldPanel("close_text")],
            heading=_("Routes that are always present"),
        ),
        FieldPanel("stafett_from_level"),
        FieldPanel("levels"),
    ]
    public_panels = [
        FieldPanel("public_title"),
        FieldPanel("public_intro"),
        FieldPanel("public_body"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Guide for staff")),
            ObjectList(public_panels, heading=_("For guardians and citizens")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(ModelPage.settings_panels, heading=_("Settings")),
        ]
    )
    parent_page_types = ["samhandlingsmodell.ModelHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("levels"),
        index.SearchField("public_body"),
    ]

    class Meta:
        verbose_name = _("handlingsveileder")

    def serve(  # type: ignore[override]
        self,
        request: HttpRequest,
        view: Any = None,
        args: Any = None,
        kwargs: Any = None,
    ) -> HttpResponse:
        response = self.render_localised(
            request, partial(super().serve, request, view, args, kwargs)
        )
        return self.set_cache_headers(request, response)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        return self.render_localised(request, partial(self.overview, request))

    # Routes. Every route is server-rendered; none asks for or stores personal data.

    @path("")
    def overview(self, request: HttpRequest) -> HttpResponse:
        return views.overview(self, request)

    @path("start/")
    def start(self, request: HttpRequest) -> HttpResponse:
        return views.start(self, request)

    @path("niva-<int:level>/<int:position>/")
    def item(self, request: HttpRequest, level: int, position: int) -> HttpResponse:
        return views.item(self, request, level, position)

    @path("pdf/")
    def guide_pdf(self, request: HttpRequest) -> HttpResponse:
        return views.guide_pdf(self, request)

    @path("pdf/oversikt/")
    def overview_pdf(self, request: HttpRequest) -> HttpResponse:
        return views.overview_pdf(self, request)

    @path("<slug:name>/")
    def fixed_route(self, request: HttpRequest, name: str) -> HttpResponse:
        """The routes that are always there: barnevern, akutt, avslutt, hjelp."""
        return views.fixed_route(self, request, name)
