"""Demo data for the stafettlogg: units, a user for every role and a few logs in each demo
municipality. Only for `load_demo` (demo settings); every person here is fictional. The
fødselsnummer are H-numbers (month + 40), which are never national identity numbers of real
people."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.no import fodselsnummer

from accounts import services as account_services
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import SYSTEM
from devdata.factories import consented_log
from municipalities.models import Municipality
from stafettlogg import services
from stafettlogg.models import (
    AttentionArea,
    AttentionCategory,
    ChildVoice,
    Goal,
    Log,
    Lysglimt,
    Measure,
    Meeting,
)

# Demo users' authenticator key (base32: JBSWY3DPEHPK3PXP), documented in the README.
DEMO_TOTP_KEY_HEX = "48656c6c6f21deadbeef"

TEXT: dict[str, dict[str, Any]] = {
    "nb": {
        "units": ["Solstrålen barnehage", "Vik skole", "Helsestasjonen", "PPT"],
        "categories": [
            "Språk",
            "Trivsel og vennskap",
            "Fravær",
            "Helse",
            "Samspill hjemme",
            "Læring",
        ],
        "people": {
            "admin": ("Kari", "Kommune"),
            "leader": ("Lars", "Leder"),
            "holder": ("Hanne", "Holder"),
            "actor": ("Ali", "Aktør"),
            "guardian": ("Frida", "Foresatt"),
            "youth": ("Ola", "Ung"),
        },
        "child": "Emma Eksempel",
        "youth_school": "Vik skole",
        "goal": "Emma leker med andre barn og trives i barnehagen.",
        "area": "Emma trekker seg unna i frilek og sier lite.",
        "measure": "Språkgruppe to ganger i uka",
        "measure2": "Samtale med helsesykepleier om søvn og trivsel",
        "meeting_people": "Frida Foresatt, Hanne Holder (barnehagen), Ali Aktør (helsestasjonen)",
        "meeting_notes": "Vi gikk gjennom observasjonene fra barnehagen og hjemme.",
        "meeting_agreements": "Barnehagen starter språkgruppe. Ny samtale om seks uker.",
        "lysglimt": "Emma viste de andre hvordan man bygger en hytte i dag, og lo mye.",
        "voice": "«Jeg liker å være med Nora. Jeg liker ikke når det er bråkete.»",
        "youth_name": "Ola Ung",
        "youth_goal": "Ola kommer på skolen hver dag og har en voksen å snakke med.",
        "draft_child": "Jonas Prøve",
    },
    "nn": {
        "units": ["Solstrålen barnehage", "Vik skule", "Helsestasjonen", "PPT"],
        "categories": ["Språk", "Trivsel og venskap", "Fråvær", "Helse", "Samspel heime", "Læring"],
        "people": {
            "admin": ("Kari", "Kommune"),
            "leader": ("Lars", "Leiar"),
            "holder": ("Hanne", "Haldar"),
            "actor": ("Ali", "Aktør"),
            "guardian": ("Frida", "Føresett"),
            "youth": ("Ola", "Ung"),
        },
        "child": "Emma Døme",
        "youth_school": "Vik skule",
        "goal": "Emma leikar med andre born og trivst i barnehagen.",
        "area": "Emma trekkjer seg unna i frileik og seier lite.",
        "measure": "Språkgruppe to gonger i veka",
        "measure2": "Samtale med helsesjukepleiar om søvn og trivsel",
        "meeting_people": "Frida Føresett, Hanne Haldar (barnehagen), Ali Aktør (helsestasjonen)",
        "meeting_notes": "Vi gjekk gjennom observasjonane frå barnehagen og heime.",
        "meeting_agreements": "Barnehagen startar språkgruppe. Ny samtale om seks veker.",
        "lysglimt": "Emma viste dei andre korleis ein byggjer ei hytte i dag, og lo mykje.",
        "voice": "«Eg likar å vere med Nora. Eg likar ikkje når det er bråkete.»",
        "youth_name": "Ola Ung",
        "youth_goal": "Ola kjem på skulen kvar dag og har ein vaksen å snakke med.",
        "draft_child": "Jonas Prøve",
    },
}


def demo_fnr(born: date, individual: int) -> str:
    """A valid H-number for a fictional person born on ``born`` (the first individual number
    from ``individual`` whose check digits exist)."""
    for number in range(individual, individual + 100):
        base = f"{born.day:02d}{born.month + 40:02d}{born.year % 100:02d}{number:03d}"
        candidate = base + fodselsnummer.calc_check_digit1(base)
        candidate += fodselsnummer.calc_check_digit2(candidate)
        if fodselsnummer.is_valid(candidate):
            return candidate
    raise ValueError("no valid number in range")


def _user(username: str, first: str, last: str, password: str) -> User:
    # last_login is set so that the documented demo password stays valid (a real first login
    # must choose a new password).
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "last_login": timezone.now()},
    )
    if created:
        user.set_password(password)
        user.save()
        TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
    return user


def load(municipality: Municipality, prefix: str, password: str) -> None:
    """Idempotent: does nothing when the municipality already has units."""
    if Unit.objects.filter(municipality=municipality).exists():
        return
    text = TEXT[municipality.language]
    units = [Unit.objects.create(municipality=municipality, name=n) for n in text["units"]]
    kindergarten, school, health, _ppt = units
    for name in text["categories"]:
        AttentionCategory.objects.create(municipality=municipality, name=name)
    people = text["people"]
    users = {
        role: _user(f"{prefix}-{slug}", people[role][0], people[role][1], password)
        for role, slug in [
            ("admin", "kommuneadmin"),
            ("leader", "enhetsleder"),
            ("holder", "stafettholder"),
            ("actor", "aktor"),
            ("guardian", "foresatt"),
            ("youth", "ungdom"),
        ]
    }
    member = StaffMembership.objects.create
    member(user=users["admin"], municipality=municipality, role=StaffRole.ADMIN)
    member(
        user=users["leader"],
        municipality=municipality,
        role=StaffRole.UNIT_LEADER,
        unit=kindergarten,
    )
    holder = member(
        user=users["holder"], municipality=municipality, role=StaffRole.HOLDER, unit=kindergarten
    )
    actor = member(
        user=users["actor"], municipality=municipality, role=StaffRole.ACTOR, unit=health
    )
    member(user=users["holder"], municipality=municipality, role=StaffRole.HOLDER, unit=school)
    offset = 0 if municipality.language == "nb" else 1
    guardian_fnr = demo_fnr(date(1988, 3, 14 + offset), 123)
    youth_born = date(timezone.localdate().year - 16, 5, 2 + offset)
    youth_fnr = demo_fnr(youth_born, 512)
    account_services.person_identity_set(users["guardian"], guardian_fnr)
    account_services.person_identity_set(users["youth"], youth_fnr)

    today = timezone.localdate()
    # An active log for a kindergarten child, with a guardian who can log in.
    log, _guardian = consented_log(
        holder=holder,
        child_name=text["child"],
        child_birth_date=date(today.year - 4, 9, 1),
        child_school=kindergarten.name,
        guardian_name=" ".join(people["guardian"]),
        guardian_fnr=guardian_fnr,
        guardian_email=f"{prefix}-foresatt@example.invalid",
        units=[kindergarten, health],
        consent_days_ago=40,
    )
    participant = services.participant_add(SYSTEM, log, membership=actor)
    holder_participant = log.participants.get(role="holder")
    author = users["holder"]
    services.entry_add(
        SYSTEM,
        log,
        AttentionArea(
            category=AttentionCategory.objects.get(
                municipality=municipality, name=text["categories"][1]
            ),
            description=text["area"],
        ),
        author=author,
    )
    services.entry_add(SYSTEM, log, Goal(text=text["goal"]), author=author)
    services.measure_add(
        SYSTEM,
        log,
        Measure(
            description=text["measure"],
            responsible=holder_participant,
            unit=kindergarten,
            start_date=today - timedelta(days=30),
            evaluation_date=today + timedelta(days=5),
            status="ongoing",
        ),
        author=author,
    )
    services.measure_add(
        SYSTEM,
        log,
        Measure(
            description=text["measure2"],
            responsible=participant,
            unit=health,
            start_date=today - timedelta(days=20),
            evaluation_date=today + timedelta(days=40),
        ),
        author=users["actor"],
    )
    services.entry_add(
        SYSTEM,
        log,
        Meeting(
            held_on=today - timedelta(days=32),
            attendees=text["meeting_people"],
            notes=text["meeting_notes"],
            agreements=text["meeting_agreements"],
        ),
        author=author,
    )
    services.entry_add(SYSTEM, log, Lysglimt(text=text["lysglimt"]), author=author)
    services.entry_add(SYSTEM, log, ChildVoice(text=text["voice"]), author=author)

    # A youth's log at school: the youth logs in from the consent age.
    youth_log, _guardian = consented_log(
        holder=StaffMembership.objects.get(user=users["holder"], unit=school),
        child_name=text["youth_name"],
        child_birth_date=youth_born,
        child_school=text["youth_school"],
        child_fnr=youth_fnr,
        guardian_name=" ".join(people["guardian"]),
        guardian_fnr=guardian_fnr,
        given_by_youth=True,
        units=[school],
        consent_days_ago=350,
    )
    services.entry_add(SYSTEM, youth_log, Goal(text=text["youth_goal"]), author=author)

    # A draft, not yet consented: only the stafettholder sees it.
    services.log_create(
        SYSTEM,
        municipality=municipality,
        holder=holder,
        child_name=text["draft_child"],
        child_birth_date=date(today.year - 3, 2, 10),
        child_school=kindergarten.name,
    )
    assert Log.objects.filter(municipality=municipality).count() == 3
