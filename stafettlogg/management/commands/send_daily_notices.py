from typing import Any

from django.core.management.base import BaseCommand

from stafettlogg.tasks import daily_notices


class Command(BaseCommand):
    help = (
        "Legger dagens varsler (evalueringer som nærmer seg, samtykker som går ut) i køen. "
        "Kjøres daglig fra cron eller en systemd-timer; varsler sendes aldri to ganger."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = daily_notices.enqueue()
        self.stdout.write(f"Dagens varsler er lagt i køen ({result.id}).")
