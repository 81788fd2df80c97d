"""Load-test data for the stafettlogg: fictional municipalities full of logs, written with
PostgreSQL COPY so that 100,000 logs and 2,000,000 entries take minutes, not hours.

Everything here is fictional and marked so: the municipalities are ``fictional`` with numbers
from 9100 and hosts ``lastNN.localhost``; people are made-up names; fødselsnummer are
H-numbers (month + 40), never numbers of real people. The seed writes no audit event per row
(the data were never read or written by anyone); one ``seed.load`` event in the chain records
that the seed ran and how much it wrote. Used by ``manage.py seed_load`` and ``make bench``.

The package: ``plan`` (what is written), ``copy_rows`` (COPY), ``seed`` (the seed) and
``sessions`` (logged-in sessions for the benchmark).
"""

from __future__ import annotations

from devdata.load.plan import (
    BIG_LOG_ENTRIES,
    CATEGORIES,
    CHILD_NAMES,
    ENTRY_TYPES,
    FIRST_NAMES,
    FIRST_NUMBER,
    LAST_NAMES,
    LOGS_PER_STAFF,
    SEED_PASSWORD,
    SENTENCES,
    UNITS,
    Counts,
    Plan,
    host_for,
    refusal,
    seeded_municipalities,
)
from devdata.load.seed import (
    Identities,
    Staff,
    Writer,
    seed,
)
from devdata.load.sessions import (
    bench_users,
)

__all__ = [
    "BIG_LOG_ENTRIES",
    "CATEGORIES",
    "CHILD_NAMES",
    "Counts",
    "ENTRY_TYPES",
    "FIRST_NAMES",
    "FIRST_NUMBER",
    "Identities",
    "LAST_NAMES",
    "LOGS_PER_STAFF",
    "Plan",
    "SEED_PASSWORD",
    "SENTENCES",
    "Staff",
    "UNITS",
    "Writer",
    "bench_users",
    "host_for",
    "refusal",
    "seed",
    "seeded_municipalities",
]
