from __future__ import annotations

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.template import Context

from accounts.login_session import fully_authenticated
from accounts.menu import MenuItem, items_for

register = template.Library()


@register.simple_tag(takes_context=True)
def signed_in(context: Context) -> bool:
    """Logged in with both factors (password + code, or ID-porten / the municipality's
    login): the menu and the logout button are shown."""
    request = context.get("request")
    return request is not None and fully_authenticated(request)


@register.simple_tag(takes_context=True)
def staff_menu_items(context: Context) -> list[MenuItem]:
    request = context.get("request")
    return items_for(request) if request is not None else []


@register.simple_tag(takes_context=True)
def staff_home_url(context: Context) -> str:
    """Where a login lands (settings.LOGIN_REDIRECT_URL): the staff's own overview; on the
    national host (no municipality) the advisers' (settings.NATIONAL_LOGIN_REDIRECT_URL)."""
    request = context.get("request")
    if request is not None and getattr(request, "municipality", None) is None:
        return resolve_url(settings.NATIONAL_LOGIN_REDIRECT_URL)
    return resolve_url(settings.LOGIN_REDIRECT_URL)
