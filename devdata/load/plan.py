"""What the load seed writes: the fictional municipalities' numbers and hosts, names and texts,
the shares of entry kinds, and the plan and counts of one run."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from municipalities.models import Municipality

FIRST_NUMBER = 9100
# Every seeded staff account has this password and the demo authenticator key
# (JBSWY3DPEHPK3PXP), so that a person can also log in by hand.
SEED_PASSWORD = "last-test-passord-2026"  # noqa: S105 (fictional test accounts only)
BIG_LOG_ENTRIES = 200
# A professional takes part in about this many logs (holder or participant).
LOGS_PER_STAFF = 35

UNITS = [
    "Solsikken barnehage",
    "Bakken barnehage",
    "Nordre skole",
    "Søndre skole",
    "Ungdomsskolen",
    "Helsestasjonen",
    "PPT",
    "Barnevernet",
]
CATEGORIES = ["Språk", "Trivsel og vennskap", "Fravær", "Helse", "Samspill hjemme", "Læring"]
FIRST_NAMES = ["Anne", "Bjørn", "Camilla", "Daniel", "Eva", "Fredrik", "Guro", "Henrik", "Ida",
               "Jonas", "Kari", "Lars", "Marte", "Nils", "Oda", "Per", "Rita", "Sindre", "Tone",
               "Vegard"]  # fmt: skip
LAST_NAMES = ["Berg", "Dahl", "Eide", "Fjeld", "Haugen", "Lie", "Moen", "Nilsen", "Strand",
              "Vik"]  # fmt: skip
CHILD_NAMES = ["Emma", "Noah", "Nora", "Jakob", "Sofie", "Emil", "Ella", "Lucas", "Olivia",
               "Filip", "Leah", "Oskar", "Maja", "Aksel", "Ingrid", "Isak"]  # fmt: skip
SENTENCES = [
    "Barnet trekker seg unna i frilek og sier lite.",
    "Vi avtalte å prøve ut faste rutiner ved levering om morgenen.",
    "Foresatte forteller at søvnen er bedre de siste ukene.",
    "Skolen melder om mer fravær etter jul; vi følger med.",
    "Språkgruppen to ganger i uka fungerer godt.",
    "Barnet viste de andre hvordan man bygger en hytte, og lo mye.",
    "«Jeg liker å være med venner. Jeg liker ikke når det er bråkete.»",
    "Helsesykepleier har hatt samtale om trivsel og venner.",
    "Vi ser fremgang i lesing, men konsentrasjonen varierer.",
    "Neste møte: gå gjennom målene og justere tiltakene.",
]

# Shares of entry types (each kind of ENTRY_KINDS once, in the order the seed draws them);
# evaluations need a measure in the same log.
ENTRY_TYPES = [
    ("measure", 20),
    ("evaluation", 15),
    ("meeting", 15),
    ("goal", 10),
    ("attention", 10),
    ("lysglimt", 15),
    ("voice", 10),
    ("level", 5),
]


def host_for(index: int) -> str:
    return f"last{index:02d}.localhost"


def seeded_municipalities() -> models.QuerySet[Municipality]:
    return Municipality.objects.filter(
        fictional=True, site__hostname__regex=r"^last[0-9]+\.localhost$"
    )


def refusal(*, allow_real: bool) -> str | None:
    """Why the seed must not run on this database, or None."""
    if Municipality.objects.filter(fictional=False).exists() and not allow_real:
        return (
            "This database holds real (not fictional) municipalities. The load seed is test "
            "data: run it only on a throwaway database (or pass --allow-real-municipalities)."
        )
    if seeded_municipalities().exists():
        return "The load seed has already run on this database; start from a fresh one."
    return None


@dataclass
class Plan:
    municipalities: int
    logs: int
    entries: int
    seed: int = 2026

    @property
    def logs_per_municipality(self) -> list[int]:
        return _split(self.logs, self.municipalities)


@dataclass
class Counts:
    municipalities: int = 0
    units: int = 0
    staff: int = 0
    logs: int = 0
    guardians: int = 0
    participants: int = 0
    consents: int = 0
    entries: int = 0
    big_logs: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
