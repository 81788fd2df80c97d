"""Data for the recovery tests, written through the services in a separate process against the
database in DATABASE_URL (which already holds the demo data):

    python -m tests.recovery.seed [--full]

Always: a log in Eksempelvik with a guardian, a consent with a signed form (a private file),
two participants, and verified sessions (password and TOTP done) for the stafettholder
(``--sessions=N``, default 1).
With --full also every kind of entry, a measure with an evaluation, an accepted hand-over and
a second, closed log with its archive PDF, and a media file. Prints JSON (log id, session
keys) on the last line.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from accounts.login_session import bind_to_municipality  # noqa: E402
from accounts.models import StaffMembership, StaffRole, Unit  # noqa: E402
from audit.services import SYSTEM  # noqa: E402
from devdata.factories import consented_log  # noqa: E402
from devdata.log_demo import demo_fnr  # noqa: E402
from municipalities.models import Municipality  # noqa: E402
from stafettlogg import services  # noqa: E402
from stafettlogg.models import (  # noqa: E402
    AttentionArea,
    AttentionCategory,
    ChildVoice,
    Evaluation,
    Goal,
    LevelChange,
    Lysglimt,
    Measure,
    Meeting,
    ParticipantRole,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _staff(municipality: Municipality, username: str, role: str, unit: Unit) -> StaffMembership:
    user = User.objects.create_user(username, first_name=username.title(), last_name="Test")
    return StaffMembership.objects.create(
        user=user, municipality=municipality, role=role, unit=unit
    )


def verified_session(user: User, municipality: Municipality) -> str:
    """A session as after password and TOTP, stored in the database like a real login."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    bind_to_municipality(session, municipality)
    session.save()
    assert session.session_key is not None
    return session.session_key


def build(full: bool, sessions: int) -> dict[str, Any]:
    today = timezone.localdate()
    a = Municipality.objects.get(number="9901")
    kindergarten = Unit.objects.create(municipality=a, name="Gjenopprettingsbarnehagen")
    health = Unit.objects.create(municipality=a, name="Gjenopprettingshelsestasjonen")
    holder = _staff(a, "r-holder", StaffRole.HOLDER, kindergarten)
    actor = _staff(a, "r-actor", StaffRole.ACTOR, health)
    log, guardian = consented_log(
        holder=holder,
        child_name="Gjenopprett Barn",
        child_birth_date=date(2018, 3, 3),
        guardian_name="Gunn Foresatt",
        guardian_fnr=demo_fnr(date(1984, 5, 5), 700),
        units=[kindergarten, health],
        consent_days_ago=3,
        signed_form=SimpleUploadedFile("samtykke.pdf", PDF, content_type="application/pdf"),
    )
    actor_participant = services.participant_add(SYSTEM, log, membership=actor)
    if full:
        author = holder.user
        category, _ = AttentionCategory.objects.get_or_create(municipality=a, name="Språk")
        for entry in (
            AttentionArea(category=category, description="Lite språk i leken."),
            Goal(text="Leker med andre barn."),
            Meeting(held_on=today, attendees="Foresatt, barnehage", notes="Kort møte."),
            Lysglimt(text="Lo høyt i sandkassen."),
            ChildVoice(text="Jeg liker huska."),
            LevelChange(level=2, note="Flere tjenester trengs."),
        ):
            services.entry_add(SYSTEM, log, entry, author=author)
        measure = services.measure_add(
            SYSTEM,
            log,
            Measure(
                description="Språkgruppe to ganger i uka.",
                responsible=actor_participant,
                unit=health,
                start_date=today - timedelta(days=2),
                evaluation_date=today + timedelta(days=30),
            ),
            author=author,
        )
        services.evaluation_add(
            SYSTEM,
            measure,
            Evaluation(evaluated_on=today, text="Går fint.", continue_measure=True),
            author=actor.user,
        )
        handover = services.handover_propose(
            SYSTEM,
            log,
            from_participant=log.participants.get(role=ParticipantRole.HOLDER),
            to_participant=actor_participant,
            message="Skolestart.",
        )
        services.handover_respond(SYSTEM, handover, accept=True)
        closed, _guardian = consented_log(
            holder=holder,
            child_name="Avsluttet Barn",
            child_birth_date=date(2017, 7, 7),
            guardian_name="Kari Foresatt",
            guardian_fnr=demo_fnr(date(1982, 8, 8), 200),
            units=[kindergarten],
            consent_days_ago=1,
        )
        # The tasks run at once here (test settings): the archive PDF is made on commit.
        services.log_close(SYSTEM, closed, reason="goal")
        default_storage.save("documents/rutine.pdf", ContentFile(PDF))
    keys = [verified_session(holder.user, holder.municipality) for _ in range(sessions)]
    return {"log": str(log.pk), "sessions": keys}


if __name__ == "__main__":
    count = next((int(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("--sessions=")), 1)
    print(json.dumps(build("--full" in sys.argv[1:], count)))
