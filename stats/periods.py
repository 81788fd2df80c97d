"""Periods of the statistics: a calendar year, a half-year, a quarter, or dates of one's own.
A period is a closed range of dates, ``start`` to ``end``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    HALF = "half", _("Half-year")
    QUARTER = "quarter", _("Quarter")
    CUSTOM = "custom", _("Dates of your own")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    @property
    def end_exclusive(self) -> date:
        return self.end + timedelta(days=1)


def _month_range(year: int, first_month: int, months: int) -> tuple[date, date]:
    start = date(year, first_month, 1)
    last_month = first_month + months
    end = date(year + (last_month > 12), (last_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def year(value: int) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31), str(value))


def half(value: int, part: int) -> Period:
    start, end = _month_range(value, 1 if part == 1 else 7, 6)
    return Period(
        start, end, gettext("%(part)s. half-year %(year)s") % {"part": part, "year": value}
    )


def quarter(value: int, part: int) -> Period:
    start, end = _month_range(value, 3 * (part - 1) + 1, 3)
    return Period(start, end, gettext("%(part)s. quarter %(year)s") % {"part": part, "year": value})


def custom(start: date, end: date) -> Period:
    label = f"{date_format(start, 'SHORT_DATE_FORMAT')}–{date_format(end, 'SHORT_DATE_FORMAT')}"
    return Period(start, end, label)


def period_from(data: dict[str, object], today: date) -> tuple[Period, str | None]:
    """The period a (cleaned) period form asks for, and an error message when it asks for
    something impossible (then the current year)."""
    kind = data.get("kind") or PeriodKind.YEAR
    value = data.get("year") or today.year
    part = data.get("part") or 1
    assert isinstance(value, int) and isinstance(part, int)
    if kind == PeriodKind.HALF:
        if part not in (1, 2):
            return year(today.year), gettext("A year has two half-years: choose 1st or 2nd.")
        return half(value, part), None
    if kind == PeriodKind.QUARTER:
        return quarter(value, part), None
    if kind == PeriodKind.CUSTOM:
        start, end = data.get("start"), data.get("end")
        if not isinstance(start, date) or not isinstance(end, date):
            return year(today.year), gettext("Write both dates of your own period.")
        if end < start:
            return year(today.year), gettext("The period must end after it starts.")
        return custom(start, end), None
    return year(value), None
