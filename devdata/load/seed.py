"""The seed itself: municipalities, staff, logs and their content (ADR 009)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, Page, Site

from accounts.identity import encrypt_fnr, fnr_hash
from accounts.models import StaffMembership, Unit
from audit.services import SYSTEM, record
from devdata.load.copy_rows import Table, _through
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
    _split,
    host_for,
)
from devdata.log_demo import DEMO_TOTP_KEY_HEX, demo_fnr
from municipalities.models import Municipality
from samhandlingsmodell.models import ModelHomePage
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    AttentionCategory,
    Consent,
    Guardian,
    Log,
    LogSettings,
    Participant,
)


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
