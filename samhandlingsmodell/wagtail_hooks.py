from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from samhandlingsmodell import admin_views, template
from samhandlingsmodell.models import ServiceIndexPage, TiltakCatalogPage


@hooks.register("register_admin_urls")
def register_modellsjekk_urls() -> list:
    return [
        path("modellsjekk/", admin_views.modellsjekk_index, name="modellsjekk_index"),
        path(
            "modellsjekk/<str:number>/", admin_views.modellsjekk_report, name="modellsjekk_report"
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
    return ["modellsjekk_index", "modellsjekk_report"]


# A new municipality (municipalities.services.municipality_create) gets its model from the
# national template: the pages, then the themes and the staff-only restrictions.
hooks.register("build_municipality_model", template.build_model)


@hooks.register("after_municipality_create", order=10)
def set_up_new_model(municipality, home) -> None:  # type: ignore[no-untyped-def]
    template.attach_themes(municipality, home, municipality.language)
    template.restrict_staff_only(municipality, home)
