from urllib.parse import urlsplit

from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from municipalities import views
from municipalities.admin_guard import municipal_admin_views
from municipalities.admin_panels import DraftsPanel, RecentlyPublishedPanel
from municipalities.admin_scope import admin_scope


@hooks.register("register_admin_urls")
def register_settings_urls() -> list:
    return [
        path("kommune/", views.settings_index, name="municipality_settings_index"),
        path("kommune/<str:number>/", views.settings_edit, name="municipality_settings"),
    ]


@hooks.register("register_admin_menu_item")
def register_settings_menu_item() -> MenuItem:
    return MenuItem(
        _("Municipality details"),
        reverse("municipality_settings_index"),
        icon_name="site",
        order=260,
    )


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_scope(pages, request):  # type: ignore[no-untyped-def]
    """Editors choose pages (tools for the handlingsveileder, link targets) only from the
    models of their own municipalities."""
    return admin_scope(request.user).pages(pages)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_scope(parent_page, pages, request):  # type: ignore[no-untyped-def]
    return admin_scope(request.user).pages(pages)


def _hide_closed_views(request, menu_items) -> None:  # type: ignore[no-untyped-def]
    """Menu items that lead to a view the guard refuses are not shown to municipal users."""
    if request.user.is_superuser:
        return
    allowed = municipal_admin_views()
    for item in list(menu_items):
        url = getattr(item, "url", "")
        if not url:
            continue  # A submenu: shown when one of its own items is.
        try:
            view_name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if view_name not in allowed:
            menu_items.remove(item)


for _menu_hook in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu"):
    hooks.register(_menu_hook, _hide_closed_views)


@hooks.register("construct_homepage_panels")
def add_page_panels(request, panels) -> None:  # type: ignore[no-untyped-def]
    """The dashboard lists the user's own drafts and what was published lately in the user's
    municipalities, in place of Wagtail's list of recent edits (which has published and
    unpublished edits in one list). Wagtail's panels of pages awaiting the user's review and
    of the user's pages in a workflow stay: their queries follow the user's groups."""
    panels[:] = [panel for panel in panels if panel.name != "recent_edits"]
    panels.extend([DraftsPanel(), RecentlyPublishedPanel()])
