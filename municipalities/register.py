"""The official lists, shipped as data: the municipalities (SSB classification 131), the
counties (fylker, classification 104) and which regional KORUS centre serves each county.

A municipality's county is the first two digits of its number in the official list.
"""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"
REGISTER_PATH = DATA / "kommuner.csv"
COUNTIES_PATH = DATA / "fylker.csv"

# The regional competence centres on substance use (KORUS) and the counties they serve: a
# KORUS adviser follows the municipalities of the counties of their centre.
KORUS_REGIONS = {
    "nord": _("KORUS Nord"),
    "midt": _("KORUS Midt"),
    "vest-bergen": _("KORUS Vest Bergen"),
    "vest-stavanger": _("KORUS Vest Stavanger"),
    "sor": _("KORUS Sør"),
    "ost": _("KORUS Øst"),
    "oslo": _("KORUS Oslo"),
}


@cache
def official_municipalities() -> dict[str, str]:
    """Map kommunenummer to the official name."""
    with REGISTER_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["number"]: row["name"] for row in csv.DictReader(handle)}


def official_name(number: str) -> str | None:
    return official_municipalities().get(number)


@cache
def counties() -> dict[str, tuple[str, str]]:
    """Map fylkesnummer to (name, KORUS region)."""
    with COUNTIES_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["number"]: (row["name"], row["korus"]) for row in csv.DictReader(handle)}


def county_choices() -> list[tuple[str, str]]:
    return [(number, name) for number, (name, _korus) in counties().items()]


def official_county(number: str) -> str | None:
    """The county of a municipality in the official list (None for numbers outside it)."""
    if official_name(number) is None:
        return None
    county = number[:2]
    return county if county in counties() else None


def county_name(county: str) -> str:
    return counties().get(county, ("", ""))[0]


def korus_region(county: str) -> str:
    """The KORUS region serving ``county`` ("" for an unknown county)."""
    return counties().get(county, ("", ""))[1]


def counties_of_region(region: str) -> list[str]:
    return [number for number, (_name, korus) in counties().items() if korus == region]
