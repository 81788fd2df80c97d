from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from municipalities.models import Municipality
from samhandlingsmodell import modellsjekk


class Command(BaseCommand):
    help = "Modellsjekk: kontrollerer at kommunens modell er komplett (exit 0 bare når komplett)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality", help="Vertsnavn eller kommunenummer")

    def handle(self, *args: object, **options: object) -> None:
        key = str(options["municipality"])
        municipality = (
            Municipality.objects.select_related("site")
            .filter(Q(number=key) | Q(site__hostname=key.lower()))
            .first()
        )
        if municipality is None:
            raise CommandError(f"Fant ingen kommune med vertsnavn eller nummer «{key}».")
        report = modellsjekk.run(municipality)
        base = "http://" + municipality.host
        for criterion in report.criteria:
            mark = "OK " if criterion.passed else "MANGLER"
            self.stdout.write(f"[{mark}] {criterion.title}")
            for problem in criterion.problems:
                self.stdout.write(f"    - {problem.message} ({base}{problem.fix_url})")
        if report.complete:
            self.stdout.write(self.style.SUCCESS(f"{municipality}: modellen er komplett."))
            return
        raise CommandError(
            f"{municipality}: {report.failed_count} av {len(report.criteria)} krav er ikke oppfylt."
        )
