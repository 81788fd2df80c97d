from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from devdata import grant_demo, log_demo, stats_demo
from devdata.model_demo import placeholders_fill
from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell.services import model_publish_all, national_home_ensure

DEMO_PASSWORD = "Samhandling-demo-2026"  # noqa: S105 (demo data only)
DEMO_MUNICIPALITIES = [
    {
        "number": "9901",
        "name": "Eksempelvik kommune",
        "language": "nb",
        "host": "eksempelvik.localhost",
        "prefix": "eksempelvik",
        "county": "32",  # Akershus: KORUS Øst
        "contact_email": "postmottak@eksempelvik.example",
        "contact_phone": "12 34 56 78",
    },
    {
        "number": "9902",
        "name": "Fjordvik kommune",
        "language": "nn",
        "host": "fjordvik.localhost",
        "prefix": "fjordvik",
        "county": "46",  # Vestland: KORUS Vest Bergen
        "contact_email": "postmottak@fjordvik.example",
        "contact_phone": "87 65 43 21",
    },
]
ROLES = [("redaktor", "editors"), ("godkjenner", "approvers"), ("ansatt", "staff")]


class Command(BaseCommand):
    help = "Laster demodata: to fiktive kommuner med publiserte modeller og demobrukere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Tillat demobrukere med kjent passord også når DEBUG er av (bare for test).",
        )

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG and not options["allow_demo_users"]:
            raise CommandError("Demodata med kjente passord lastes bare med DJANGO_DEBUG=true.")
        national_home_ensure()
        for spec in DEMO_MUNICIPALITIES:
            municipality = Municipality.objects.filter(number=spec["number"]).first()
            if municipality is None:
                with translation.override(spec["language"]):
                    municipality = municipality_create(
                        number=spec["number"],
                        name=spec["name"],
                        language=spec["language"],
                        host=spec["host"],
                        fictional=True,
                        county=spec["county"],
                        contact_email=spec["contact_email"],
                        contact_phone=spec["contact_phone"],
                    )
                placeholders_fill(municipality)
                model_publish_all(municipality)
                self.stdout.write(f"Opprettet og publiserte {municipality}.")
            for suffix, role in ROLES:
                self._demo_user(f"{spec['prefix']}-{suffix}", getattr(municipality, role))
            # The stafettlogg's demo: units, staff, logs.
            log_demo.load(municipality, str(spec["prefix"]), DEMO_PASSWORD)
            # The grant project's demo: its leader and the registered grant decision.
            grant_demo.load(municipality, str(spec["prefix"]), DEMO_PASSWORD)
            # The statistics' demo: a leader and anonymous registrations.
            stats_demo.load(municipality, str(spec["prefix"]), DEMO_PASSWORD)
        grant_demo.load_advisers(DEMO_PASSWORD)
        admin, created = User.objects.get_or_create(
            username="nasjonal-admin", defaults={"is_superuser": True, "is_staff": True}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        self.stdout.write(self.style.SUCCESS("Demodata er klar."))

    def _demo_user(self, username: str, group: object) -> None:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(group)  # type: ignore[arg-type]
