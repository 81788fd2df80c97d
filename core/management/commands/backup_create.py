from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Tar sikkerhetskopi av databasen (pg_dump -Fc) og filene (private filer og media) "
        "til en ny katalog, med manifest.json som beskriver innholdet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", type=Path, help="ny katalog for sikkerhetskopien")

    def handle(self, *args: Any, target: Path, **options: Any) -> None:
        try:
            manifest = backup_create(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        s = manifest["summary"]
        self.stdout.write(
            f"Sikkerhetskopi i {target}: {len(manifest['tables'])} tabeller, "
            f"{len(manifest['files'])} filer; {s['logs']} logger, {s['entries']} oppføringer, "
            f"{s['consents']} samtykker, {s['audit_events']} revisjonshendelser."
        )
