"""Wagtail hooks of the national advisers' area (imported by GrantsConfig.ready)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.menu import MenuItem


@hooks.register("register_staff_menu_item")
def overview_link(request: HttpRequest) -> MenuItem | None:
    """On the national host, the menu's way back to the overview."""
    if not hasattr(request, "municipality") or request.municipality is not None:
        return None
    return MenuItem(
        "grants", _("Municipalities in the grant scheme"), reverse("grants:overview"), 100
    )
