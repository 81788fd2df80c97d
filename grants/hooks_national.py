"""Wagtail hooks of the national advisers' area and the national administrators' roles page
(imported by GrantsConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from accounts.menu import MenuItem
from grants.views import roles_admin


@hooks.register("register_staff_menu_item")
def overview_link(request: HttpRequest) -> MenuItem | None:
    """On the national host, the menu's way back to the overview."""
    if not hasattr(request, "municipality") or request.municipality is not None:
        return None
    return MenuItem(
        "grants", _("Municipalities in the grant scheme"), reverse("grants:overview"), 100
    )


class SuperuserMenuItem(AdminMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)


@hooks.register("register_admin_urls")
def register_roles_urls() -> list:
    """The national administrators' roles page (superusers only: not opened to municipal
    users, so the admin guard refuses them every one of these views)."""
    return [
        path("tilskudd/roller/", roles_admin.roles, name="grants_roles"),
        path(
            "tilskudd/roller/radgiver/",
            roles_admin.national_role_add,
            name="grants_roles_national_add",
        ),
        path(
            "tilskudd/roller/radgiver/<int:role_id>/fjern/",
            roles_admin.national_role_revoke,
            name="grants_roles_national_revoke",
        ),
        path(
            "tilskudd/roller/prosjektleder/",
            roles_admin.project_leader_add,
            name="grants_roles_leader_add",
        ),
        path(
            "tilskudd/roller/prosjektleder/<int:membership_id>/fjern/",
            roles_admin.project_leader_revoke,
            name="grants_roles_leader_revoke",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_roles_menu_item() -> AdminMenuItem:
    return SuperuserMenuItem(
        gettext_lazy("National roles"), reverse("grants_roles"), icon_name="group", order=270
    )
