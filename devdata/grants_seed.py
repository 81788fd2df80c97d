"""Load data for the national advisers' overview: fictional municipalities in the grant scheme
(numbers from 8000, hosts ``tilskuddNNNN.localhost``), each with a registered project and its
milestones, a round with Bufdir in most, and training in some; spread over every county, so
that a KORUS adviser's region holds a share. Used by ``manage.py seed_grants`` and by
``make bench`` (bench/grants_load.py). Idempotent: it tops the scheme up to the number asked
for and touches nothing that exists."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, Page, Site

from accounts.login_session import bind_to_municipality
from accounts.models import Unit
from audit.services import SYSTEM, record
from grants.models import (
    MAX_AMOUNT_PER_TERM,
    GrantProject,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Submission,
    SubmissionStatus,
    TrainingRecord,
)
from grants.rules import MILESTONE_RULES, milestone_due
from municipalities.models import Municipality
from municipalities.register import counties
from samhandlingsmodell.models import ModelHomePage

FIRST_NUMBER = 8000
LAST_NUMBER = 8999


def host_for(number: str) -> str:
    return f"tilskudd{number}.localhost"


def _municipality(number: str, index: int, county: str) -> Municipality:
    name = f"Tilskuddvik {index:03d}"
    home = Page.get_first_root_node().add_child(
        instance=ModelHomePage(title=name, slug=f"tilskuddvik-{number}", live=True)
    )
    site = Site.objects.create(hostname=host_for(number), port=80, root_page=home, site_name=name)
    collection = Collection.get_first_root_node().add_child(name=f"{name} ({number})")
    groups = [Group.objects.create(name=f"{name} ({number}) – {r}") for r in ("red", "god", "ans")]
    return Municipality.objects.create(
        number=number,
        name=name,
        language="nb" if index % 5 else "nn",
        fictional=True,
        county=county,
        site=site,
        collection=collection,
        editors=groups[0],
        approvers=groups[1],
        staff=groups[2],
    )


def _project(municipality: Municipality, rng: random.Random, today: datetime.date) -> None:
    decision = today - datetime.timedelta(days=rng.randint(30, 700))
    project = GrantProject.objects.create(
        municipality=municipality,
        decision_date=decision,
        amount_development=MAX_AMOUNT_PER_TERM,
        amount_implementation=rng.choice([400_000, MAX_AMOUNT_PER_TERM]),
        project_leader="Prosjektleder",
    )
    milestones = []
    for rule in MILESTONE_RULES:
        due = milestone_due(decision, rule)
        done = due < today and rng.random() < 0.7
        milestones.append(
            Milestone(
                project=project,
                kind=rule.kind,
                title=str(MilestoneKind(rule.kind).label),
                due_date=due,
                status=MilestoneStatus.DONE if done else MilestoneStatus.PLANNED,
                completed_on=due if done else None,
            )
        )
    Milestone.objects.bulk_create(milestones)
    rounds = rng.choice([0, 1, 1, 2, 3])
    now = timezone.now()
    for number in range(1, rounds + 1):
        last = number == rounds
        status = (
            rng.choice(
                [
                    SubmissionStatus.SUBMITTED,
                    SubmissionStatus.APPROVED,
                    SubmissionStatus.CHANGES_REQUESTED,
                ]
            )
            if last
            else SubmissionStatus.CHANGES_REQUESTED
        )
        sent = now - datetime.timedelta(days=30 * (rounds - number) + rng.randint(1, 20))
        Submission.objects.create(
            project=project,
            round=number,
            submitted_at=sent,
            status=status,
            decided_at=None if status == SubmissionStatus.SUBMITTED else sent,
            modellsjekk=[{"code": "seed", "title": "Seed", "passed": True, "problems": []}],
        )
    if rng.random() < 0.6:
        units = [
            Unit.objects.create(municipality=municipality, name=f"Enhet {n}") for n in range(3)
        ]
        TrainingRecord.objects.bulk_create(
            TrainingRecord(
                project=project,
                unit=unit,
                held_on=today - datetime.timedelta(days=rng.randint(1, 200)),
                trained=rng.randint(0, 20),
                staff_total=20,
            )
            for unit in units
        )


def seed(in_scheme: int, *, seed: int = 2026) -> int:
    """Fictional municipalities with projects until ``in_scheme`` municipalities are in the
    scheme (the demo's count); returns how many were made."""
    rng = random.Random(seed)  # noqa: S311 (test data, not security)
    today = timezone.localdate()
    county_numbers = list(counties())
    taken = set(
        Municipality.objects.filter(
            number__gte=str(FIRST_NUMBER), number__lte=str(LAST_NUMBER)
        ).values_list("number", flat=True)
    )
    made = 0
    missing = in_scheme - GrantProject.objects.count()
    number = FIRST_NUMBER
    while made < missing and number <= LAST_NUMBER:
        code = str(number)
        number += 1
        if code in taken:
            continue
        index = number - FIRST_NUMBER
        with transaction.atomic():
            municipality = _municipality(code, index, county_numbers[index % len(county_numbers)])
            _project(municipality, rng, today)
        made += 1
    if made:
        record(SYSTEM, "seed.grants", detail={"municipalities": made})
    return made


def national_sessions(username: str, count: int) -> list[str]:
    """``count`` sessions of ``username`` as a login with password and TOTP on the national
    host leaves them (the benchmark's virtual advisers)."""
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    assert device is not None, "the adviser has no authenticator (run load_demo)"
    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        bind_to_municipality(session, None)
        session.create()
        keys.append(str(session.session_key))
    return keys
