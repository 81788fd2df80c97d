"""Reads every page of the stafettlogg shares: IDs from URLs, the municipality's log settings,
and the person a first ID-porten login is for."""

from __future__ import annotations

import uuid

from municipalities.models import Municipality
from stafettlogg.models import (
    Guardian,
    Log,
    LogSettings,
)

# "Soon" for the attention list on Mine logger.
EVALUATION_SOON_DAYS = 14
CONSENT_SOON_DAYS = 30

# Any UUID: a URL is built around it once per request instead of once per log or measure.
_URL_PLACEHOLDER = uuid.UUID(int=0)


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def log_settings(municipality: Municipality) -> LogSettings:
    settings, _ = LogSettings.objects.get_or_create(municipality=municipality)
    return settings


def person_known_by_hash(municipality: Municipality, hashed: str) -> str | None:
    """For a first login with ID-porten (the ``identify_person`` hook of accounts.oidc): the
    name of a guardian of a log here with this fødselsnummer hash, "" for a youth of a log here
    old enough to take part, None for anyone else."""
    guardian = (
        Guardian.objects.filter(fnr_hash=hashed, log__municipality=municipality)
        .order_by("-added_at")
        .first()
    )
    if guardian is not None:
        return guardian.name
    youth_age = log_settings(municipality).youth_consent_age
    for log in Log.objects.filter(municipality=municipality, child_fnr_hash=hashed):
        if log.child_age() >= youth_age:
            return ""
    return None
