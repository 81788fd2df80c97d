"""Load-test data for the stafettlogg: fictional municipalities full of logs, written with
PostgreSQL COPY so that 100,000 logs and 2,000,000 entries take minutes, not hours.

Everything here is fictional and marked so: the municipalities are ``fictional`` with numbers
from 9100 and hosts ``lastNN.localhost``; people are made-up names; fødselsnummer are
H-numbers (month + 40), never numbers of real people. The seed writes no audit event per row
(the data were never read or written by anyone); one ``seed.load`` event in the chain records
that the seed ran and how much it wrote. Used by ``manage.py seed_load`` and ``make bench``.
"""

from __future__ import annotations

import io
import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, Page, Site

from accounts.identity import encrypt_fnr, fnr_hash
from accounts.login_session import bind_to_municipality
from accounts.models import StaffMembership, Unit
from audit.services import SYSTEM, record
from municipalities.models import Municipality
from samhandlingsmodell.models import ModelHomePage
from stafettlogg.demo import DEMO_TOTP_KEY_HEX, demo_fnr
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    AttentionCategory,
    Consent,
    Guardian,
    Log,
    LogSettings,
    Participant,
)

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


# --- COPY -----------------------------------------------------------------------------------


def _value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    return str(value)


class Table:
    """Rows for one table, written with COPY in one go."""

    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        opts = model._meta
        self.table = opts.db_table
        self.columns = [str(getattr(opts.get_field(name), "column", name)) for name in names]
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, *values: Any) -> None:
        self.buffer.write("\t".join(map(_value, values)))
        self.buffer.write("\n")
        self.count += 1

    def flush(self) -> int:
        count = self.count
        if count:
            quote = connection.ops.quote_name
            columns = ", ".join(quote(c) for c in self.columns)
            with connection.cursor() as cursor:
                raw = cursor.cursor  # the psycopg cursor
                with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    copy.write(self.buffer.getvalue())
        self.buffer = io.StringIO()
        self.count = 0
        return count


def _through(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).remote_field.through  # type: ignore[union-attr,return-value]


# --- municipalities and staff ---------------------------------------------------------------


def _municipality(index: int) -> Municipality:
    number = str(FIRST_NUMBER + index)
    name = f"Lastvik {index:02d}"
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=ModelHomePage(title=name, slug=f"lastvik-{index:02d}", live=True)
    )
    site = Site.objects.create(hostname=host_for(index), port=80, root_page=home, site_name=name)
    collection = Collection.get_first_root_node().add_child(name=f"{name} ({number})")
    groups = [Group.objects.create(name=f"{name} ({number}) – {r}") for r in ("red", "god", "ans")]
    municipality = Municipality.objects.create(
        number=number,
        name=name,
        language="nb",
        fictional=True,
        site=site,
        collection=collection,
        editors=groups[0],
        approvers=groups[1],
        staff=groups[2],
    )
    LogSettings.objects.create(municipality=municipality)
    return municipality


@dataclass
class Staff:
    user_id: int
    name: str
    unit_id: uuid.UUID


def _staff(
    municipality: Municipality, index: int, count: int, units: list[Unit], password: str
) -> list[Staff]:
    now = timezone.now()
    rng = random.Random(index)  # noqa: S311 (test data)
    users = User.objects.bulk_create(
        [
            User(
                username=f"last{index:02d}-{j:04d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"last{index:02d}-{j:04d}@example.invalid",
                password=password,
                last_login=now,
            )
            for j in range(count + 1 + len(units))
        ]
    )
    admin, leaders, professionals = users[0], users[1 : 1 + len(units)], users[1 + len(units) :]
    memberships = [StaffMembership(user=admin, municipality=municipality, role="admin")]
    memberships += [
        StaffMembership(user=leader, municipality=municipality, role="leader", unit=unit)
        for leader, unit in zip(leaders, units, strict=True)
    ]
    staff = []
    for j, user in enumerate(professionals):
        unit = units[j % len(units)]
        role = "holder" if j % 3 else "actor"
        memberships.append(
            StaffMembership(user=user, municipality=municipality, role=role, unit=unit)
        )
        staff.append(Staff(user.pk, f"{user.first_name} {user.last_name}", unit.pk))
    StaffMembership.objects.bulk_create(memberships)
    TOTPDevice.objects.bulk_create(
        [
            TOTPDevice(user=user, name="Autentiseringsapp", confirmed=True, key=DEMO_TOTP_KEY_HEX)
            for user in users
        ]
    )
    return staff


# --- logs and their content ------------------------------------------------------------------


class Writer:
    """The tables of one municipality's logs, in the order their foreign keys need."""

    def __init__(self) -> None:
        self.logs = Table(
            Log,
            ["id", "municipality", "status", "child_name", "child_birth_date", "child_school",
             "child_fnr_encrypted", "child_fnr_hash", "bti_level", "created_by", "created_at",
             "activated_at", "closed_at", "close_reason", "close_note"],
        )  # fmt: skip
        self.guardians = Table(
            Guardian,
            ["id", "log", "name", "fnr_encrypted", "fnr_hash", "email", "phone", "added_at"],
        )
        self.participants = Table(
            Participant, ["id", "log", "user", "unit", "role", "added_at", "removed_at"]
        )
        self.consents = Table(
            Consent,
            ["id", "log", "given_by_youth", "given_on", "expires_on", "method", "signed_form",
             "recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by"],
        )  # fmt: skip
        self.consent_units = Table(_through(Consent, "units"), ["consent", "unit"])
        self.consent_guardians = Table(
            _through(Consent, "given_by_guardians"), ["consent", "guardian"]
        )
        base = ["id", "log", "created_by", "author_name", "author_role", "created_at"]
        self.entries: dict[str, Table] = {
            kind.name: Table(kind.model, [*base, *kind.fields]) for kind in ENTRY_KINDS
        }

    def flush(self, counts: Counts) -> None:
        counts.logs += self.logs.flush()
        counts.guardians += self.guardians.flush()
        counts.participants += self.participants.flush()
        counts.consents += self.consents.flush()
        self.consent_units.flush()
        self.consent_guardians.flush()
        for kind, table in self.entries.items():  # in the order of ENTRY_KINDS
            written = table.flush()
            counts.entries += written
            counts.by_type[kind] = counts.by_type.get(kind, 0) + written


class Identities:
    """Unique synthetic fødselsnummer (H-numbers), encrypted and hashed as the services do."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, born: date) -> tuple[str, str]:
        while True:
            # The individual number tells the century: 000-499 for 1900-1999, 500-999 after.
            low = 0 if born.year < 2000 else 500
            try:
                fnr = demo_fnr(born, self.rng.randrange(low, low + 400))
            except ValueError:
                fnr = ""
            if fnr and fnr not in self.used:
                self.used.add(fnr)
                return encrypt_fnr(fnr), fnr_hash(fnr)
            born += timedelta(days=1)


def _entry_counts(rng: random.Random, logs: int, entries: int, big: int) -> list[int]:
    """Entries per log: ``big`` logs with exactly BIG_LOG_ENTRIES, the rest skewed (most logs
    have a few, some many), adding up to ``entries``."""
    rest = entries - big * BIG_LOG_ENTRIES
    others = logs - big
    weights = [rng.expovariate(1.0) for _ in range(others)]
    total = sum(weights) or 1.0
    counts = [min(int(w / total * rest), BIG_LOG_ENTRIES - 1) for w in weights]
    missing = rest - sum(counts)
    while missing > 0 and others:
        i = rng.randrange(others)
        if counts[i] < BIG_LOG_ENTRIES - 1:
            counts[i] += 1
            missing -= 1
    return [BIG_LOG_ENTRIES] * big + counts


def _when(start: datetime, end: datetime, rng: random.Random) -> datetime:
    span = max((end - start).total_seconds(), 1.0)
    return start + timedelta(seconds=rng.random() * span)


def _status(roll: float) -> str:
    if roll < 0.85:
        return "active"
    if roll < 0.90:
        return "draft"
    if roll < 0.93:
        return "consented"
    return "closed"


def _logs(
    municipality: Municipality,
    staff: list[Staff],
    categories: list[int],
    log_count: int,
    entry_count: int,
    rng: random.Random,
    identities: Identities,
    counts: Counts,
) -> None:
    now = timezone.now()
    today = timezone.localdate()
    writer = Writer()
    big = min(max(1, log_count // 100), entry_count // (BIG_LOG_ENTRIES * 5)) if log_count else 0
    statuses = ["active"] * big + [_status(rng.random()) for _ in range(log_count - big)]
    # Drafts and logs waiting to start have no content yet; the others share the entries.
    with_content = [i for i, status in enumerate(statuses) if status in ("active", "closed")]
    per_log = [0] * log_count
    for i, n in zip(with_content, _entry_counts(rng, len(with_content), entry_count, big),
                    strict=True):  # fmt: skip
        per_log[i] = n
    counts.big_logs += big
    types, weights = zip(*ENTRY_TYPES, strict=True)
    # Holders and participants in turn, so that every professional has about as many logs.
    order = list(range(len(staff)))
    turn = 0

    def next_staff() -> Staff:
        nonlocal turn
        if turn % len(order) == 0:
            rng.shuffle(order)
        turn += 1
        return staff[order[turn % len(order)]]

    for n, (status, entries) in enumerate(zip(statuses, per_log, strict=True)):
        is_big = n < big
        log_id = uuid.uuid4()
        created = now - timedelta(days=rng.randrange(7, 3 * 365))
        born = today - timedelta(days=rng.randrange(365, 17 * 365))
        child_enc, child_hash = identities.new(born)
        holder = next_staff()
        writer.logs.add(
            log_id, municipality.pk, status,
            f"{rng.choice(CHILD_NAMES)} {rng.choice(LAST_NAMES)}", born, "", child_enc,
            child_hash, rng.randrange(1, 4), holder.user_id, created.isoformat(),
            (created + timedelta(days=3)).isoformat() if status in ("active", "closed") else None,
            now.isoformat() if status == "closed" else None,
            "goal" if status == "closed" else "", "",
        )  # fmt: skip
        people = [(holder, "holder")]
        if status != "draft":
            wanted = rng.choice([1, 1, 2, 2, 3]) if not is_big else 2
            seen = {holder.user_id}
            while len(people) <= wanted:
                other = next_staff()
                if other.user_id not in seen:
                    seen.add(other.user_id)
                    people.append((other, "actor"))
        participant_ids = []
        for person, role in people:
            pid = uuid.uuid4()
            participant_ids.append((pid, person))
            writer.participants.add(
                pid, log_id, person.user_id, person.unit_id, role, created.isoformat(), None
            )
        guardian_ids = []
        for g in range(rng.choice([1, 2, 2])):
            gid = uuid.uuid4()
            enc, hashed = identities.new(born - timedelta(days=rng.randrange(20 * 365, 40 * 365)))
            writer.guardians.add(
                gid, log_id, f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", enc, hashed,
                f"foresatt-{log_id.hex[:12]}-{g}@example.invalid", "", created.isoformat(),
            )  # fmt: skip
            guardian_ids.append(gid)
        if status != "draft":
            consent_id = uuid.uuid4()
            given = today - timedelta(days=rng.randrange(0, 360))
            writer.consents.add(
                consent_id, log_id, False, given, given + timedelta(days=365), "digital", "",
                holder.user_id, (created + timedelta(days=1)).isoformat(), None, None,
            )  # fmt: skip
            for unit_id in {person.unit_id for person, _ in people}:
                writer.consent_units.add(consent_id, unit_id)
            for gid in guardian_ids:
                writer.consent_guardians.add(consent_id, gid)
        measures: list[uuid.UUID] = []
        for kind in rng.choices(types, weights, k=entries):
            eid = uuid.uuid4()
            pid, author = rng.choice(participant_ids)
            role = "stafettholder" if author is holder else "aktor"
            at = _when(created, now, rng)
            base = (eid, log_id, author.user_id, author.name, role, at.isoformat())
            text = rng.choice(SENTENCES)
            if kind == "evaluation" and not measures:
                kind = "measure"
            table = writer.entries[kind]
            if kind == "measure":
                start = at.date()
                evaluate = today + timedelta(days=rng.randrange(-60, 120))
                status_m = rng.choice(["planned", "ongoing", "ongoing", "completed"])
                table.add(
                    *base, text, pid, author.unit_id, min(start, evaluate), evaluate, status_m, None
                )
                measures.append(eid)
            elif kind == "evaluation":
                table.add(*base, rng.choice(measures), at.date(), text, True)
            elif kind == "meeting":
                table.add(*base, at.date(), author.name, text, rng.choice(SENTENCES))
            elif kind == "attention":
                table.add(*base, rng.choice(categories), text)
            elif kind == "level":
                table.add(*base, rng.randrange(0, 4), text)
            else:
                table.add(*base, text)
    writer.flush(counts)


def seed(plan: Plan, *, progress: Any = None) -> Counts:
    """Write the whole load seed. Each municipality is one transaction."""
    rng = random.Random(plan.seed)  # noqa: S311 (test data)
    identities = Identities(rng)
    password = make_password(SEED_PASSWORD)
    counts = Counts()
    entries = _split(plan.entries, plan.municipalities)
    for index, (log_count, entry_count) in enumerate(
        zip(plan.logs_per_municipality, entries, strict=True), start=1
    ):
        with transaction.atomic():
            municipality = _municipality(index)
            units = Unit.objects.bulk_create(
                [Unit(municipality=municipality, name=name) for name in UNITS]
            )
            categories = AttentionCategory.objects.bulk_create(
                [AttentionCategory(municipality=municipality, name=name) for name in CATEGORIES]
            )
            staff_count = max(4, round(log_count * 2.5 / LOGS_PER_STAFF))
            staff = _staff(municipality, index, staff_count, units, password)
            _logs(
                municipality,
                staff,
                [c.pk for c in categories],
                log_count,
                entry_count,
                rng,
                identities,
                counts,
            )
        counts.municipalities += 1
        counts.units += len(units)
        counts.staff += len(staff)
        if progress is not None:
            progress(index, counts)
    with connection.cursor() as cursor:
        # As a database in use is: with statistics, and with the visibility map and hint bits
        # set, so that the benchmark does not measure autovacuum catching up with the load.
        cursor.execute("VACUUM (ANALYZE)")
    record(
        SYSTEM,
        "seed.load",
        detail={
            "municipalities": counts.municipalities,
            "logs": counts.logs,
            "entries": counts.entries,
        },
    )
    return counts


# --- sessions for the benchmark ---------------------------------------------------------------


def bench_users(count: int) -> list[dict[str, str]]:
    """``count`` holders of logs with BIG_LOG_ENTRIES entries, spread over the seeded
    municipalities, each with a session as a login with password and TOTP leaves it (user,
    backend, password hash, the OTP device) and the path of that log."""
    from django.contrib.sessions.backends.db import SessionStore

    holders = Participant.objects.filter(
        role="holder",
        removed_at__isnull=True,
        log__municipality__in=seeded_municipalities(),
        log__status="active",
    ).select_related("user", "log__municipality__site")
    big_logs = _big_log_ids()
    chosen: list[Participant] = []
    seen: set[int] = set()
    by_municipality: dict[int, list[Participant]] = {}
    for participant in holders.filter(log_id__in=big_logs).order_by("log__municipality", "pk"):
        by_municipality.setdefault(participant.log.municipality_id, []).append(participant)
    queues = list(by_municipality.values())
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue and queue[0].user_id in seen:
                queue.pop(0)
            if queue and len(chosen) < count:
                participant = queue.pop(0)
                seen.add(participant.user_id)
                chosen.append(participant)
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} holders of big logs; run seed_load first")
    result = []
    for participant in chosen:
        user = participant.user
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        assert device is not None
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        bind_to_municipality(session, participant.log.municipality)
        session.create()
        result.append(
            {
                "host": participant.log.municipality.site.hostname,
                "sessionid": str(session.session_key),
                "log": reverse("stafettlogg:log", args=[participant.log_id]),
                "username": user.get_username(),
            }
        )
    return result


def _big_log_ids() -> Iterable[uuid.UUID]:
    """Logs with BIG_LOG_ENTRIES entries (the seed makes them first in each municipality)."""
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(
        f"SELECT {quote('log_id')} FROM {quote(kind.model._meta.db_table)}"  # noqa: S608
        for kind in ENTRY_KINDS
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT log_id FROM ({union}) e GROUP BY log_id HAVING COUNT(*) = %s",  # noqa: S608
            [BIG_LOG_ENTRIES],
        )
        return [row[0] for row in cursor.fetchall()]
