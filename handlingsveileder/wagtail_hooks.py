from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from handlingsveileder import admin_views, checks
from handlingsveileder.models import HandlingsveilederPage
from handlingsveileder.template import build_guide


@hooks.register("after_municipality_create", order=20)
def add_guide_to_new_model(municipality, home) -> None:  # type: ignore[no-untyped-def]
    """A new municipality's model gets the handlingsveileder as a draft from the template."""
    build_guide(home, municipality.language, municipality.number)


@hooks.register("register_model_shortcut")
def guide_shortcut() -> tuple[str, type]:
    """The model's front page and menus link to the published handlingsveileder."""
    return "handlingsveileder", HandlingsveilederPage


hooks.register("register_modellsjekk_criteria", checks.modellsjekk_criteria)


@hooks.register("register_admin_urls")
def register_guide_urls() -> list:
    return [
        path(
            "veiledning/handlingsveileder/",
            admin_views.handlingsveileder_guide,
            name="editor_guide_handlingsveileder",
        )
    ]


@hooks.register("register_municipal_admin_views")
def open_the_editor_guide_to_municipal_users() -> list[str]:
    return ["editor_guide_handlingsveileder"]


@hooks.register("register_help_menu_item")
def register_editor_guide() -> MenuItem:
    return MenuItem(
        _("Editor guide: the handlingsveileder"),
        reverse("editor_guide_handlingsveileder"),
        icon_name="help",
        order=200,
    )
