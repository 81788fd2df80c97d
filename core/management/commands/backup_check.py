from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import BackupError, backup_check


class Command(BaseCommand):
    help = (
        "Kontrollerer at databasen og filene stemmer med en sikkerhetskopi (manifest.json): "
        "samme rader og innhold i hver tabell, og hver fil med samme innhold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help="katalogen med sikkerhetskopien")

    def handle(self, *args: Any, source: Path, **options: Any) -> None:
        try:
            result = backup_check(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Databasen stemmer IKKE med sikkerhetskopien: {len(result.problems)} avvik."
            )
        s = result.summary
        self.stdout.write(
            f"Databasen stemmer med sikkerhetskopien: {result.tables} tabeller og "
            f"{result.files} filer kontrollert; {s['logs']} logger, {s['entries']} oppføringer, "
            f"{s['consents']} samtykker, {s['audit_events']} revisjonshendelser."
        )
