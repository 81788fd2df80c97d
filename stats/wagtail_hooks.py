from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.menu import MenuItem
from handlingsveileder.views import EndLink
from stats.access import StatsAction


@hooks.register("register_guide_end_link")
def _register_anonymously(request: HttpRequest) -> EndLink:
    """At the end of the staff guide: count the concern, also without a stafettlogg."""
    return EndLink(
        label=_("Register anonymously"),
        url=reverse("stats:register"),
        text=_(
            "Count that you handled this concern, with no name and nothing that says who the "
            "child is. It takes half a minute."
        ),
    )


# The menu's links to the statistics are shown on the statistics' own pages, where the
# user's access is known: reading the roles on every other page (the log's, read by guardians
# too) would cost each of them a query. Staff find the registration at the end of the guide.


@hooks.register("register_staff_menu_item")
def _register_link(request: HttpRequest) -> MenuItem | None:
    access = getattr(request, "stats_access", None)
    if access is None or not access.can(StatsAction.REGISTER):
        return None
    return MenuItem("register", _("Register anonymously"), reverse("stats:register"), 200)


@hooks.register("register_staff_menu_item")
def _statistics_link(request: HttpRequest) -> MenuItem | None:
    access = getattr(request, "stats_access", None)
    if access is None or not access.can(StatsAction.VIEW_STATISTICS):
        return None
    return MenuItem("statistics", _("Statistics"), reverse("stats:statistics"), 150)
