"""Form fields in Designsystemet's markup (core/form_fields.html), tied to their help text and
error message for screen readers."""

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


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
