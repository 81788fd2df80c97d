from typing import Any

from django.core.management.base import BaseCommand

from grants.reminders import send_grant_reminders


class Command(BaseCommand):
    help = (
        "Legger dagens påminnelser om milepæler i tilskuddsprosjektene i køen (frist snart, "
        "frist passert). Kjøres daglig fra cron eller en systemd-timer; en påminnelse sendes "
        "aldri to ganger."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_grant_reminders.enqueue()
        self.stdout.write(f"Dagens påminnelser er lagt i køen ({result.id}).")
