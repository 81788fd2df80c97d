"""Deployment check: every fødselsnummer key must be a valid Fernet key (whether the keys are
set at all is checked with the other required settings in core.checks)."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_fnr_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for key in settings.SAMHANDLING_FNR_KEYS:
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                Error(
                    "En nøkkel i SAMHANDLING_FNR_KEYS er ikke en gyldig Fernet-nøkkel.",
                    id="samhandling.E101",
                )
            )
    return errors
