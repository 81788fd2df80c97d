"""The official list of Norwegian municipalities (SSB classification 131), shipped as data."""

import csv
from functools import cache
from pathlib import Path

REGISTER_PATH = Path(__file__).resolve().parent / "data" / "kommuner.csv"


@cache
def official_municipalities() -> dict[str, str]:
    """Map kommunenummer to the official name."""
    with REGISTER_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["number"]: row["name"] for row in csv.DictReader(handle)}


def official_name(number: str) -> str | None:
    return official_municipalities().get(number)
