from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from municipalities import views
from municipalities.selectors import municipalities_administered_by


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
def limit_page_chooser_to_own_models(pages, request):  # type: ignore[no-untyped-def]
    """Editors choose pages (tools for the handlingsveileder, link targets) only from the
    models of the municipalities they administer."""
    if request.user.is_superuser:
        return pages
    homes = [
        m.site.root_page
        for m in municipalities_administered_by(request.user).select_related("site__root_page")
    ]
    if not homes:
        return pages.none()
    condition = Q()
    for home in homes:
        condition |= Q(path__startswith=home.path)
    return pages.filter(condition)
