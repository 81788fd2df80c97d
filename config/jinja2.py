"""The Jinja2 environment for the few templates that are rendered on every request of a hot
page and cost too much in Django's template language (ADR 011). Django's own backend
(``django.template.backends.jinja2.Jinja2``) gives the templates ``request``, ``csrf_input``
and ``csrf_token``; Wagtail's extension gives ``pageurl``.

UI text is written ``{{ _("Text") }}``, or ``{{ _("Text %(name)s")|format(name=...) }}`` when
it has values: ``makemessages`` reads these files like Django templates and finds the same
messages a ``{% translate %}`` or ``{% blocktranslate with name=... %}`` would give, so the
translations in the .po files serve both template languages.
"""

import uuid
from datetime import date as date_type
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.template import defaultfilters
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, override
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from stafettlogg.access import role_label

# Stand-ins for UUID arguments (the primary keys of the log's objects), one per position.
_STAND_INS = [uuid.UUID(int=position + 1) for position in range(4)]


@lru_cache(maxsize=512)
def _url_shape(urlconf: str | None, prefix: str, name: str, args: tuple[Any, ...]) -> str:
    # ``prefix`` (the script prefix reverse puts in front) is here only as a key of the cache.
    return reverse(name, urlconf=urlconf, args=args)


def url(name: str, *args: Any) -> str:
    """``{% url name arg ... %}``. A URL is made once per view and process with stand-ins for
    its UUID arguments, which are then replaced (a reverse costs ~70 µs, the log page has
    ~25 links). A UUID's place in a URL is its text whatever the converter, so this gives
    what reverse gives."""
    uuids = [(position, arg) for position, arg in enumerate(args) if isinstance(arg, uuid.UUID)]
    if not uuids or len(args) > len(_STAND_INS):
        return reverse(name, args=args)
    shape_args = list(args)
    for position, _arg in uuids:
        shape_args[position] = _STAND_INS[position]
    shape = _url_shape(get_urlconf(), get_script_prefix(), name, tuple(shape_args))
    for position, arg in uuids:
        shape = shape.replace(str(_STAND_INS[position]), str(arg))
    return shape


@lru_cache(maxsize=2048)
def _translated(language: str | None, message: str) -> str:
    with override(language):
        return gettext(message)


@pass_context
def translate(context: Context, message: str) -> str:
    """``_("...")``: Django's gettext, remembered per language. A page asks for the same ~200
    messages every time, and gettext and get_language each cost a few µs (they read the
    active language from an asgiref Local): the language is read once per render, by the
    i18n context processor."""
    language = context.get("LANGUAGE_CODE") or get_language()
    return _translated(language, message)


def date(value: date_type | datetime | None, format_string: str | None = None) -> str:
    """The ``date`` filter, with a time shown in local time as Django's templates show it."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return defaultfilters.date(value, format_string)


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.globals.update({"_": translate, "url": url})
    env.filters.update({"capfirst": capfirst, "date": date, "role_label": role_label})
    return env
