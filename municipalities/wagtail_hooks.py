from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from municipalities import views


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
