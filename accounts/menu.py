"""The menu of the pages for logged-in users (accounts/base.html).

Each part of the product adds its links with Wagtail's hook ``register_staff_menu_item``: a
function of the request that returns a ``MenuItem`` or None (not for this user). Accounts
itself adds "Change password" and the link back to the published model.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks


@dataclass(frozen=True)
class MenuItem:
    name: str  # compared with the page's `nav` to mark the current page
    label: str
    url: str
    order: int


def items_for(request: HttpRequest) -> list[MenuItem]:
    hooked = (hook(request) for hook in hooks.get_hooks("register_staff_menu_item"))
    found = [item for item in hooked if item is not None]
    return sorted(found, key=lambda item: item.order)


@hooks.register("register_staff_menu_item")
def _model_link(request: HttpRequest) -> MenuItem:
    return MenuItem("model", _("The collaboration model"), "/", 500)


@hooks.register("register_staff_menu_item")
def _password_link(request: HttpRequest) -> MenuItem:
    return MenuItem("password", _("Change password"), reverse("accounts:password"), 900)
