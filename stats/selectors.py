"""Reads of the statistics, always of one municipality (the first argument) and one period.

Everything is counted in PostgreSQL (``values`` + ``Count``): a fixed number of queries
whatever the number of rows, and no row leaves the database, only counts. The figures of the
stafettlogg are read as counts too: no name, date of birth or text of a log.

``statistics`` builds the page's tables (with suppression); the functions before it return
plain counts, for the page, tests and later exports and national figures.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from stafettlogg.models import (
    AttentionArea,
    AttentionCategory,
    CloseReason,
    Log,
    Measure,
    MeasureStatus,
    Participant,
    ParticipantRole,
)
from stats.age_groups import AGE_BANDS, AgeGroup
from stats.forms import LEVEL_CHOICES
from stats.models import AnonymousRegistration, Outcome, RegistrationCategory
from stats.periods import Period
from stats.tables import Family, Table, counts_only, one_way, two_way

Counts = dict[Any, int]


# The registration form's choices.


def registration_units(municipality: Municipality, user: Any) -> list[Unit]:
    """The units a member of staff registers for: their own units, or every unit of the
    municipality when their roles belong to none (an administrator, a leader)."""
    own = list(
        Unit.objects.filter(
            municipality=municipality,
            memberships__user=user,
            memberships__municipality=municipality,
        )
        .distinct()
        .order_by("name")
    )
    return own or list(Unit.objects.filter(municipality=municipality).order_by("name"))


def registration_categories(municipality: Municipality) -> list[AttentionCategory]:
    return list(AttentionCategory.objects.filter(municipality=municipality).order_by("name"))


# Anonymous registrations.


def registrations(municipality: Municipality, period: Period) -> QuerySet[AnonymousRegistration]:
    return AnonymousRegistration.objects.filter(
        municipality=municipality, registered_on__gte=period.start, registered_on__lte=period.end
    )


def _pairs(rows: Any, *keys: str) -> Counts:
    if len(keys) == 1:
        return {row[keys[0]]: row["n"] for row in rows}
    return {tuple(row[key] for key in keys): row["n"] for row in rows}


def registrations_by(municipality: Municipality, period: Period, *fields: str) -> Counts:
    """Registrations of the period counted by ``fields`` (unit_id, unit__service_id,
    age_group, bti_level, outcome): {value: n}, or {(value, value): n} for two fields."""
    rows = registrations(municipality, period).values(*fields).annotate(n=Count("id")).order_by()
    return _pairs(rows, *fields)


def registrations_by_category(municipality: Municipality, period: Period) -> Counts:
    """Registrations of the period with each concern category (one registration may have
    several: these add up to more than the registrations)."""
    rows = (
        RegistrationCategory.objects.filter(
            registration__municipality=municipality,
            registration__registered_on__gte=period.start,
            registration__registered_on__lte=period.end,
        )
        .values("category_id")
        .annotate(n=Count("registration_id", distinct=True))
        .order_by()
    )
    return _pairs(rows, "category_id")


def registrations_by_quarter(municipality: Municipality, period: Period) -> Counts:
    """{(year, quarter): n} of the period's registrations."""
    rows = (
        registrations(municipality, period)
        .annotate(year=ExtractYear("registered_on"), quarter=ExtractQuarter("registered_on"))
        .values("year", "quarter")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _pairs(rows, "year", "quarter")


# The stafettlogg, as counts.


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def logs_started(municipality: Municipality, period: Period) -> QuerySet[Log]:
    """Logs started (consent recorded and the log activated) in the period."""
    return Log.objects.filter(
        municipality=municipality,
        activated_at__gte=_moment(period.start),
        activated_at__lt=_moment(period.end_exclusive),
    )


def logs_closed(municipality: Municipality, period: Period) -> QuerySet[Log]:
    return Log.objects.filter(
        municipality=municipality,
        closed_at__gte=_moment(period.start),
        closed_at__lt=_moment(period.end_exclusive),
    )


def _age_years() -> Func:
    """The child's age in whole years when the log started, worked out in SQL."""
    return Func(
        Cast("activated_at", DateField()),
        F("child_birth_date"),
        template="EXTRACT(YEAR FROM AGE(%(expressions)s))",
        arg_joiner=", ",
        output_field=IntegerField(),
    )


def _age_group() -> Case:
    """The age group of the annotation ``age_years`` (OLDER above the last band)."""
    return Case(
        *[When(age_years__lte=high, then=Value(group.value)) for _low, high, group in AGE_BANDS],
        default=Value(OLDER),
        output_field=CharField(),
    )


OLDER = "older"


def logs_by_unit(municipality: Municipality, period: Period) -> Counts:
    """Logs started in the period, by the unit of their stafettholder now (None: none)."""
    holder_unit = Participant.objects.filter(
        log=OuterRef("pk"), role=ParticipantRole.HOLDER, removed_at__isnull=True
    ).values("unit_id")[:1]
    rows = (
        logs_started(municipality, period)
        .annotate(holder_unit=Subquery(holder_unit))
        .values("holder_unit")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _pairs(rows, "holder_unit")


def logs_by_level(municipality: Municipality, period: Period) -> Counts:
    """Logs started in the period, by their BTI level now."""
    rows = logs_started(municipality, period).values("bti_level").annotate(n=Count("id")).order_by()
    return _pairs(rows, "bti_level")


def logs_by_age_group(municipality: Municipality, period: Period) -> Counts:
    rows = (
        logs_started(municipality, period)
        .annotate(age_years=_age_years())
        .annotate(age_group=_age_group())
        .values("age_group")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _pairs(rows, "age_group")


def logs_by_category(municipality: Municipality, period: Period) -> Counts:
    """Logs started in the period with each area of attention (a log may have several)."""
    rows = (
        AttentionArea.objects.filter(
            log__municipality=municipality,
            log__activated_at__gte=_moment(period.start),
            log__activated_at__lt=_moment(period.end_exclusive),
        )
        .values("category_id")
        .annotate(n=Count("log_id", distinct=True))
        .order_by()
    )
    return _pairs(rows, "category_id")


def logs_closed_by_reason(municipality: Municipality, period: Period) -> Counts:
    rows = (
        logs_closed(municipality, period).values("close_reason").annotate(n=Count("id")).order_by()
    )
    return _pairs(rows, "close_reason")


def measures_by_tiltak_and_status(municipality: Municipality, period: Period) -> Counts:
    """Measures started in the period, by the catalogue's tiltak (None: not from the
    catalogue) and status: {(tiltak id, status): n}."""
    rows = (
        Measure.objects.filter(
            log__municipality=municipality,
            start_date__gte=period.start,
            start_date__lte=period.end,
        )
        .values("catalogue_tiltak_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _pairs(rows, "catalogue_tiltak_id", "status")


def _tiltak_titles(ids: set[Any]) -> dict[Any, str]:
    """The titles of the catalogue's tiltak that measures point to (their pages are in the
    municipality's model: a measure's tiltak is chosen from it)."""
    known = {pk for pk in ids if pk is not None}
    if not known:
        return {}
    return dict(ElementPage.objects.filter(pk__in=known).values_list("pk", "title"))


# The page.


def _family(heading: str, slug: str, tables: list[Table], count: int) -> Family:
    withheld = any(table.protected for table in tables if table.total is not None)
    return Family(heading, slug, tables, withheld=withheld and count > 0, empty=count == 0)


def statistics(municipality: Municipality, period: Period) -> list[Family]:
    """The statistics page's tables for the period: a fixed number of queries."""
    units = [
        (unit.pk, unit.name)
        for unit in Unit.objects.filter(municipality=municipality).order_by("name")
    ]
    categories = [(c.pk, c.name) for c in registration_categories(municipality)]
    levels = [(value, str(label)) for value, label in LEVEL_CHOICES]
    short_levels = [
        (value, _("Level %(level)s") % {"level": value}) for value, _label in LEVEL_CHOICES
    ]
    ages = [(value, str(label)) for value, label in AgeGroup.choices]
    total_label = _("Total")
    count_heading = _("Number")

    by_unit_level = registrations_by(municipality, period, "unit_id", "bti_level")
    registered = sum(by_unit_level.values())
    registration_tables = [
        two_way(
            caption=_("Registrations by unit and highest BTI level"),
            slug="registreringer-enhet-niva",
            row_heading=_("Unit"),
            rows=units,
            columns=short_levels,
            counts=by_unit_level,
            total_label=total_label,
        ),
        one_way(
            caption=_("Registrations by the child's age"),
            slug="registreringer-alder",
            row_heading=_("Age"),
            rows=ages,
            counts=registrations_by(municipality, period, "age_group"),
            count_heading=count_heading,
            total_label=total_label,
        ),
        one_way(
            caption=_("Registrations by what level 0 ended in"),
            slug="registreringer-utfall",
            row_heading=_("Outcome"),
            rows=[(value, str(label)) for value, label in Outcome.choices],
            counts=registrations_by(municipality, period, "outcome"),
            count_heading=count_heading,
            total_label=total_label,
        ),
        counts_only(
            caption=_("Registrations by what the concern was about"),
            slug="registreringer-omrade",
            row_heading=_("Area"),
            rows=categories,
            counts=registrations_by_category(municipality, period),
            count_heading=count_heading,
            note=_(
                "A registration can name several areas, so these add up to more than the "
                "registrations."
            ),
        ),
    ]

    by_unit = logs_by_unit(municipality, period)
    started = sum(by_unit.values())
    log_units = units + ([(None, _("No stafettholder"))] if None in by_unit else [])
    log_tables = [
        one_way(
            caption=_("Logs started by the stafettholder's unit"),
            slug="logger-enhet",
            row_heading=_("Unit"),
            rows=log_units,
            counts=by_unit,
            count_heading=count_heading,
            total_label=total_label,
        ),
        one_way(
            caption=_("Logs started by BTI level now"),
            slug="logger-niva",
            row_heading=_("Level"),
            rows=levels,
            counts=logs_by_level(municipality, period),
            count_heading=count_heading,
            total_label=total_label,
        ),
        one_way(
            caption=_("Logs started by the child's age at the start"),
            slug="logger-alder",
            row_heading=_("Age"),
            rows=[
                *[(value, label) for value, label in ages if value != AgeGroup.PREGNANCY],
                (OLDER, _("Over 23 years")),
            ],
            counts=logs_by_age_group(municipality, period),
            count_heading=count_heading,
            total_label=total_label,
        ),
        counts_only(
            caption=_("Logs started by area of attention"),
            slug="logger-omrade",
            row_heading=_("Area"),
            rows=categories,
            counts=logs_by_category(municipality, period),
            count_heading=count_heading,
            note=_(
                "A log can have several areas of attention, so these add up to more than the logs."
            ),
        ),
    ]

    by_reason = logs_closed_by_reason(municipality, period)
    closed = sum(by_reason.values())
    closed_tables = [
        one_way(
            caption=_("Logs closed by reason"),
            slug="logger-avsluttet",
            row_heading=_("Reason"),
            rows=[(value, str(label)) for value, label in CloseReason.choices],
            counts=by_reason,
            count_heading=count_heading,
            total_label=total_label,
        )
    ]

    by_tiltak = measures_by_tiltak_and_status(municipality, period)
    titles = _tiltak_titles({tiltak for tiltak, _status in by_tiltak})
    tiltak_rows = sorted(((pk, title) for pk, title in titles.items()), key=lambda row: row[1])
    if any(tiltak is None for tiltak, _status in by_tiltak):
        tiltak_rows.append((None, _("Not from the tiltak catalogue")))
    measure_tables = [
        two_way(
            caption=_("Measures started by tiltak in the catalogue and status"),
            slug="tiltak-status",
            row_heading=_("Tiltak"),
            rows=tiltak_rows,
            columns=[(value, str(label)) for value, label in MeasureStatus.choices],
            counts=by_tiltak,
            total_label=total_label,
        )
    ]

    return [
        _family(_("Anonymous registrations"), "registreringer", registration_tables, registered),
        _family(_("Stafettlogger started"), "logger", log_tables, started),
        _family(_("Stafettlogger closed"), "avsluttet", closed_tables, closed),
        _family(_("Measures in the logs"), "tiltak", measure_tables, sum(by_tiltak.values())),
    ]
