"""The Jinja2 environment for the few templates that are rendered on every request of a hot
page and cost too much in Django's template language (ADR 011). Django's own backend
(``django.template.backends.jinja2.Jinja2``) gives the templates ``request``, ``csrf_input``
and ``csrf_token``; Wagtail's extension gives ``pageurl``.

UI text is written ``{{ _("Text") }}``, or ``{{ _("Text %(name)s")|format(name=...) }}`` when
it has values: ``makemessages`` reads these files like Django templates and finds the same
messages a ``{% translate %}`` or ``{% blocktranslate with name=... %}`` would give, so the
translations in the .po files serve both template languages.
"""

from datetime import date as date_type
from datetime import datetime
from typing import Any

from django.template import defaultfilters
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from jinja2 import Environment

from stafettlogg.access import role_label


def url(name: str, *args: Any) -> str:
    """``{% url name arg ... %}``."""
    return reverse(name, args=args)


def date(value: date_type | datetime | None, format_string: str | None = None) -> str:
    """The ``date`` filter, with a time shown in local time as Django's templates show it."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return defaultfilters.date(value, format_string)


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update({"_": gettext, "url": url})
    env.filters.update({"capfirst": capfirst, "date": date, "role_label": role_label})
    return env
