"""The grant project's demo: a project leader (BTS-koordinator) in each demo municipality, a
registered grant decision with its milestones, and the national advisers (Bufdir, and the
KORUS centres of the two demo municipalities' counties)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from accounts.models import NationalRole, NationalRoleKind, StaffMembership, StaffRole, Unit
from audit.services import SYSTEM
from devdata.log_demo import _user
from grants.models import GrantProject, GroupKind, ProjectMember, TrainingRecord, TrainingTopic
from grants.services import project_register
from municipalities.models import Municipality

# The two demo projects started at different times, so that the demo shows both a project
# well under way and a young one.
DECISIONS = {"9901": datetime.date(2026, 3, 1), "9902": datetime.date(2026, 9, 15)}
MEMBERS = {
    "nb": [
        (GroupKind.PROJECT_GROUP, "Kari Nordmann", "Helsestasjonen"),
        (GroupKind.PROJECT_GROUP, "Ola Hansen", "Solstrålen barnehage"),
        (GroupKind.STEERING_GROUP, "Kommunalsjef oppvekst", "Rådmannens ledergruppe"),
        (GroupKind.REFERENCE_GROUP, "Ungdomsrådet", "Ungdomsrådet i Eksempelvik"),
    ],
    "nn": [
        (GroupKind.PROJECT_GROUP, "Kari Nordmann", "Helsestasjonen"),
        (GroupKind.STEERING_GROUP, "Kommunalsjef oppvekst", "Kommunedirektøren si leiargruppe"),
        (GroupKind.REFERENCE_GROUP, "Ungdomsrådet", "Ungdomsrådet i Fjordvik"),
    ],
}
# The mandate and the project plan as the municipality adopted them, and the first training
# (Modellsjekk asks for all three once a municipality has a grant project).
PROJECT_TEXTS = {
    "nb": {
        "mandate": (
            "Prosjektet skal utvikle og innføre en samhandlingsmodell for tidlig innsats for "
            "gravide, barn, unge og familier på kommune-, tjeneste- og individnivå, med en "
            "handlingsveileder fra bekymring til handling. Kommunalsjef for oppvekst eier "
            "prosjektet; styringsgruppen er kommunedirektørens ledergruppe."
        ),
        "mandate_adopted": "Kommunestyret, sak 12/26",
        "project_plan": (
            "Mål: alle ansatte som møter barn, vet hva de skal gjøre når de er bekymret. "
            "Organisering: prosjektleder, prosjektgruppe, styringsgruppe og referansegruppe med "
            "ungdomsrådet. Aktiviteter: kartlegging, modellutvikling, opplæring og evaluering. "
            "Forankring: kommuneplanens samfunnsdel og oppvekstplanen."
        ),
        "roles": "Helsesykepleiere og ledere",
    },
    "nn": {
        "mandate": (
            "Prosjektet skal utvikle og innføre ein samhandlingsmodell for tidleg innsats for "
            "gravide, barn, unge og familiar på kommune-, teneste- og individnivå, med ein "
            "handlingsrettleiar frå uro til handling. Kommunalsjef for oppvekst eig prosjektet; "
            "styringsgruppa er leiargruppa til kommunedirektøren."
        ),
        "mandate_adopted": "Kommunestyret, sak 31/26",
        "project_plan": (
            "Mål: alle tilsette som møter barn, veit kva dei skal gjere når dei er uroleg. "
            "Organisering: prosjektleiar, prosjektgruppe, styringsgruppe og referansegruppe med "
            "ungdomsrådet. Aktivitetar: kartlegging, modellutvikling, opplæring og evaluering. "
            "Forankring: samfunnsdelen av kommuneplanen og oppvekstplanen."
        ),
        "roles": "Helsesjukepleiarar og leiarar",
    },
}
ADVISERS = [
    ("bufdir-radgiver", "Berit", "Bufdir", NationalRoleKind.BUFDIR_ADVISER, ""),
    ("korus-ost-radgiver", "Kjell", "Korus Øst", NationalRoleKind.KORUS_ADVISER, "ost"),
    (
        "korus-vest-radgiver",
        "Vigdis",
        "Korus Vest",
        NationalRoleKind.KORUS_ADVISER,
        "vest-bergen",
    ),
]


def load(municipality: Municipality, prefix: str, password: str) -> None:
    """Idempotent: the project leader and the project are made once."""
    leader = _user(f"{prefix}-koordinator", "Kim", "Koordinator", password)
    leader.email = leader.email or f"{prefix}-koordinator@example.org"
    leader.save(update_fields=["email"])
    leader.groups.add(municipality.editors)
    StaffMembership.objects.get_or_create(
        user=leader, municipality=municipality, role=StaffRole.PROJECT_LEADER, unit=None
    )
    if GrantProject.objects.filter(municipality=municipality).exists():
        return
    project = project_register(
        SYSTEM,
        municipality,
        decision_date=DECISIONS.get(municipality.number, datetime.date(2026, 6, 1)),
        amount_development=500_000,
        amount_implementation=500_000,
        project_leader=leader.get_full_name(),
    )
    ProjectMember.objects.bulk_create(
        ProjectMember(project=project, group=group, name=name, represents=represents)
        for group, name, represents in MEMBERS[municipality.language]
    )
    texts = PROJECT_TEXTS[municipality.language]
    project.mandate = texts["mandate"]
    project.mandate_adopted = texts["mandate_adopted"]
    project.project_plan = texts["project_plan"]
    project.save(update_fields=["mandate", "mandate_adopted", "project_plan", "updated_at"])
    unit = Unit.objects.filter(municipality=municipality).order_by("name").first()
    if unit is not None:
        TrainingRecord.objects.create(
            project=project,
            unit=unit,
            held_on=project.decision_date + datetime.timedelta(days=60),
            topic=TrainingTopic.GUIDE,
            roles=texts["roles"],
            trained=8,
            staff_total=12,
        )


def load_advisers(password: str) -> list[User]:
    users = []
    for username, first, last, role, region in ADVISERS:
        user = _user(username, first, last, password)
        if not user.email:
            user.email = f"{username}@example.org"
            user.save(update_fields=["email"])
        NationalRole.objects.get_or_create(user=user, role=role, region=region)
        users.append(user)
    return users
