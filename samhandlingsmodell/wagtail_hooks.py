from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from samhandlingsmodell import admin_views, template
from samhandlingsmodell.admin_panels import ModellsjekkPanel
from samhandlingsmodell.models import ServiceIndexPage, TiltakCatalogPage


@hooks.register("register_admin_urls")
def register_modellsjekk_urls() -> list:
    return [
        path("modellsjekk/", admin_views.modellsjekk_index, name="modellsjekk_index"),
        path(
            "modellsjekk/<str:number>/", admin_views.modellsjekk_report, name="modellsjekk_report"
        ),
        path("modell/<str:number>/send/", admin_views.model_submit, name="model_submit"),
        path("modell/<str:number>/godkjenn/", admin_views.model_approve, name="model_approve"),
        path("veiledning/modell/", admin_views.model_guide, name="editor_guide_model"),
        path(
            "veiledning/modellsjekk/",
            admin_views.modellsjekk_guide,
            name="editor_guide_modellsjekk",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_modellsjekk_menu_item() -> MenuItem:
    return MenuItem(_("Model check"), reverse("modellsjekk_index"), icon_name="tasks", order=250)


# The model's front page links to its service directory and tiltak catalogue (the
# handlingsveileder registers its guide the same way).
@hooks.register("register_model_shortcut")
def service_index_shortcut() -> tuple[str, type]:
    return "service_index", ServiceIndexPage


@hooks.register("register_model_shortcut")
def tiltak_catalog_shortcut() -> tuple[str, type]:
    return "tiltak_catalog", TiltakCatalogPage


@hooks.register("register_municipal_admin_views")
def open_modellsjekk_to_municipal_users() -> list[str]:
    """Modellsjekk narrows itself to the municipalities the user administers."""
    return [
        "modellsjekk_index",
        "modellsjekk_report",
        "model_submit",
        "model_approve",
        "editor_guide_model",
        "editor_guide_modellsjekk",
    ]


@hooks.register("construct_homepage_panels")
def add_modellsjekk_panel(request, panels) -> None:  # type: ignore[no-untyped-def]
    """The dashboard starts with where the model stands and what to do next."""
    panels.append(ModellsjekkPanel())


@hooks.register("register_help_menu_item")
def register_model_guide() -> MenuItem:
    return MenuItem(
        _("Editor guide: the model"),
        reverse("editor_guide_model"),
        icon_name="help",
        order=100,
    )


@hooks.register("register_help_menu_item")
def register_modellsjekk_guide() -> MenuItem:
    return MenuItem(
        _("Editor guide: Modellsjekk"),
        reverse("editor_guide_modellsjekk"),
        icon_name="help",
        order=300,
    )


@hooks.register("construct_help_menu")
def remove_wagtails_english_guides(request, menu_items) -> None:  # type: ignore[no-untyped-def]
    """Wagtail's editor guide and release notes are in English and about Wagtail, not the
    model: the help menu offers the project's own guides instead (and the shortcuts)."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


# A new municipality (municipalities.services.municipality_create) gets its model from the
# national template: the pages, then the themes and the staff-only restrictions.
hooks.register("build_municipality_model", template.build_model)


@hooks.register("after_municipality_create", order=10)
def set_up_new_model(municipality, home) -> None:  # type: ignore[no-untyped-def]
    template.attach_themes(municipality, home, municipality.language)
    template.restrict_staff_only(municipality, home)
