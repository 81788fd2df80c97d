"""Deployment checks (``manage.py check --deploy``) for the settings this project requires in
production. The web server also refuses to start without them (config/wsgi.py)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


def missing_production_settings() -> list[str]:
    if settings.DEBUG:
        return []
    missing = []
    if not os.environ.get("DJANGO_SECRET_KEY"):
        missing.append("DJANGO_SECRET_KEY må være satt når DJANGO_DEBUG ikke er på.")
    if not settings.ALLOWED_HOSTS:
        missing.append("DJANGO_ALLOWED_HOSTS må være satt i produksjon.")
    if not settings.SAMHANDLING_FNR_KEYS:
        missing.append("SAMHANDLING_FNR_KEYS (Fernet-nøkler for fødselsnummer) må være satt.")
    if len(settings.SAMHANDLING_FNR_HASH_KEY) < 32:
        missing.append("SAMHANDLING_FNR_HASH_KEY må være satt (minst 32 tegn).")
    return missing


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(message, id=f"samhandling.E00{i}")
        for i, message in enumerate(missing_production_settings(), start=1)
    ]
