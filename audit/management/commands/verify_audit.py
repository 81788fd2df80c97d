from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Kontrollerer at revisjonssporet (audit) er helt: ingen hendelser endret eller slettet."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Revisjonssporet er IKKE intakt: {len(result.problems)} feil "
                f"i {result.checked} hendelser."
            )
        self.stdout.write(f"Revisjonssporet er intakt: {result.checked} hendelser kontrollert.")
