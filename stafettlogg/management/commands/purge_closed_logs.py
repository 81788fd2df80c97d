from typing import Any

from django.core.management.base import BaseCommand

from stafettlogg.tasks import purge_closed_logs


class Command(BaseCommand):
    help = (
        "Sletter avsluttede logger som er eldre enn kommunens lagringstid (daglig fra cron). "
        "Bare en sporingsoppføring uten innhold blir igjen."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_closed_logs.enqueue()
        self.stdout.write(f"Sletting av utløpte logger er lagt i køen ({result.id}).")
