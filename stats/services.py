"""Writes of the statistics: an anonymous registration, in one transaction with its audit
record. The audit record says that a registration was made, by whom and when, and nothing
else: not the row's key, not its unit, age group, level, categories or outcome (ADR 017)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import Unit
from audit.services import Actor, record
from municipalities.models import Municipality
from stafettlogg.models import AttentionCategory
from stats.age_groups import AgeGroup
from stats.models import (
    OUTCOME_LEVELS,
    AnonymousRegistration,
    Outcome,
    RegistrationCategory,
)

# How far back a registration may be dated.
MAX_AGE_DAYS = 365


def earliest_date(today: date | None = None) -> date:
    """The oldest date a registration may have: the same day a year ago."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


LEVEL_MESSAGES = {
    Outcome.NO_ACTION: _lazy("With no further action, the work stayed at level 0."),
    Outcome.OWN_SERVICE: _lazy("Action in own service is level 1 or higher."),
    Outcome.COOPERATION: _lazy("Cooperation with another service is level 2 or higher."),
}


def validate_registration(
    municipality: Municipality,
    *,
    registered_on: date,
    unit: Unit,
    age_group: str,
    bti_level: int,
    categories: Iterable[AttentionCategory],
    outcome: str,
) -> None:
    """What must hold for every registration, whoever sends it."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if registered_on > today:
        errors["registered_on"] = _("The date cannot be in the future.")
    elif registered_on < earliest_date(today):
        errors["registered_on"] = _("The date can be at most one year back.")
    if unit.municipality_id != municipality.pk:
        errors["unit"] = _("Choose a unit in this municipality.")
    if age_group not in AgeGroup.values:
        errors["age_group"] = _("Choose the child's age.")
    if bti_level not in (0, 1, 2, 3):
        errors["bti_level"] = _("Choose the highest level the work reached.")
    if any(category.municipality_id != municipality.pk for category in categories):
        errors["categories"] = _("Choose areas of this municipality.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose what level 0 ended in.")
    elif "bti_level" not in errors and bti_level not in OUTCOME_LEVELS[outcome]:
        errors["bti_level"] = str(LEVEL_MESSAGES[Outcome(outcome)])
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_add(
    actor: Actor,
    municipality: Municipality,
    *,
    registered_on: date,
    unit: Unit,
    age_group: str,
    bti_level: int,
    categories: Iterable[AttentionCategory],
    outcome: str,
) -> None:
    """Count one handled concern. Returns nothing: not even the caller learns the row's key,
    so no page, log line or audit record can point at it."""
    categories = list(categories)
    validate_registration(
        municipality,
        registered_on=registered_on,
        unit=unit,
        age_group=age_group,
        bti_level=bti_level,
        categories=categories,
        outcome=outcome,
    )
    registration = AnonymousRegistration.objects.create(
        municipality=municipality,
        registered_on=registered_on,
        unit=unit,
        age_group=age_group,
        bti_level=bti_level,
        outcome=outcome,
    )
    RegistrationCategory.objects.bulk_create(
        RegistrationCategory(registration=registration, category=category)
        for category in {category.pk: category for category in categories}.values()
    )
    record(actor, "statistics.registration_add", municipality_id=municipality.pk)
