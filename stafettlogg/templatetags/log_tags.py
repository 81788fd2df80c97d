from typing import Any

from django import template
from django.forms import BoundField
from django.template import Context
from django.utils.safestring import SafeString

from stafettlogg.access import role_label
from stafettlogg.auth_views import fully_authenticated

register = template.Library()
register.filter("role_label", role_label)


@register.simple_tag
def widget(field: BoundField) -> SafeString:
    """The field's widget tied to its help text and error message for screen readers."""
    described = []
    attrs: dict[str, Any] = {}
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return field.widget_type in {"checkboxselectmultiple", "radioselect"}


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return field.widget_type == "checkbox"


@register.simple_tag(takes_context=True)
def signed_in(context: Context) -> bool:
    """Logged in with both factors (password + code, or ID-porten / the municipality's
    login): the menu and the logout button are shown."""
    request = context.get("request")
    return request is not None and fully_authenticated(request)
