"""Small display helpers of the grant project's admin pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kroner(value: int | None) -> str:
    """500000 → "500 000 kr" (Norwegian thousands separator, a no-break space)."""
    if value is None:
        return ""
    return _("NOK %(amount)s") % {"amount": f"{value:,}".replace(",", "\u00a0")}
