"""The unit leader's overview (metadata only) and the staff a log can take in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Min,
    QuerySet,
)

from accounts.models import StaffMembership, StaffRole, Unit
from stafettlogg.models import (
    Consent,
    Log,
    Measure,
    MeasureStatus,
    Participant,
)


@dataclass
class UnitLogRow:
    """Metadata only: no child, no content."""

    status: str
    holder: str
    created_on: date
    next_evaluation: date | None


def unit_log_overview(unit: Unit) -> list[UnitLogRow]:
    """Metadata of the logs the unit holds, in two queries whatever their number."""
    holders = list(
        Participant.objects.filter(unit=unit, role="holder", removed_at__isnull=True)
        .select_related("user", "log")
        .order_by("log__created_at")
    )
    next_evaluation = dict(
        Measure.objects.filter(
            log__in=[h.log_id for h in holders],
            status__in=[MeasureStatus.PLANNED, MeasureStatus.ONGOING],
        )
        .values("log")
        .annotate(first=Min("evaluation_date"))
        .values_list("log", "first")
    )
    return [
        UnitLogRow(
            status=holder.log.get_status_display(),
            holder=str(holder),
            created_on=holder.log.created_at.date(),
            next_evaluation=next_evaluation.get(holder.log_id),
        )
        for holder in holders
    ]


def eligible_staff(log: Log, consent: Consent | None) -> QuerySet[StaffMembership]:
    """Staff who may be added: holders and actors of units the consent covers."""
    if consent is None:
        return StaffMembership.objects.none()
    existing = log.participants.filter(removed_at__isnull=True).values("user")
    return (
        StaffMembership.objects.filter(
            municipality=log.municipality,
            role__in=[StaffRole.HOLDER, StaffRole.ACTOR],
            unit__in=consent.units.all(),
        )
        .exclude(user__in=existing)
        .select_related("user", "unit")
        .order_by("unit__name", "user__first_name")
    )
