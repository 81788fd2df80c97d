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


@register(Tags.security, deploy=True)
def check_oidc_providers(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A configured OpenID Connect provider needs a client and must be reached over HTTPS."""
    errors: list[CheckMessage] = []
    for name, provider in settings.SAMHANDLING_OIDC_PROVIDERS.items():
        prefix = "IDPORTEN" if name == "idporten" else "STAFF_OIDC"
        if not provider["client_id"] or not provider["client_secret"]:
            errors.append(
                Error(
                    f"SAMHANDLING_{prefix}_CLIENT_ID og _CLIENT_SECRET må være satt.",
                    id="samhandling.E102",
                )
            )
        if not provider["issuer"].startswith("https://"):
            errors.append(
                Error(
                    f"SAMHANDLING_{prefix}_ISSUER må være en https-adresse.",
                    id="samhandling.E103",
                )
            )
    return errors
