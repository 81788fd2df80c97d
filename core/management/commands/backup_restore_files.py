from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, restore_files


class Command(BaseCommand):
    help = (
        "Legger filene fra en sikkerhetskopi (files.tar) tilbake i katalogene for private "
        "filer og media. Databasen gjenopprettes av scripts/restore.sh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="katalogen med sikkerhetskopien")
        parser.add_argument(
            "--force", action="store_true", help="skriv også til kataloger som ikke er tomme"
        )

    def handle(self, *args: Any, source: Path, force: bool, **options: Any) -> None:
        try:
            written = restore_files(source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{written} filer lagt tilbake.")
