from wagtail import hooks

from handlingsveileder import checks
from handlingsveileder.models import HandlingsveilederPage
from handlingsveileder.template import build_guide


@hooks.register("after_municipality_create", order=20)
def add_guide_to_new_model(municipality, home) -> None:  # type: ignore[no-untyped-def]
    """A new municipality's model gets the handlingsveileder as a draft from the template."""
    build_guide(home, municipality.language)


@hooks.register("register_model_shortcut")
def guide_shortcut() -> tuple[str, type]:
    """The model's front page and menus link to the published handlingsveileder."""
    return "handlingsveileder", HandlingsveilederPage


hooks.register("register_modellsjekk_criteria", checks.modellsjekk_criteria)
