from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from municipalities.services import municipality_create
from samhandlingsmodell.services import national_home_ensure


class Command(BaseCommand):
    help = "Oppretter en kommune med en komplett utkastmodell fra malen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--number", required=True, help="Kommunenummer (fire sifre)")
        parser.add_argument("--name", required=True, help="Kommunens navn")
        parser.add_argument("--language", required=True, choices=["nb", "nn"], help="Målform")
        parser.add_argument("--host", required=True, help="Vertsnavn, f.eks. bergen.example.no")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--fictional", action="store_true", help="Fiktiv demokommune")
        parser.add_argument(
            "--county", default="", help="Fylkesnummer for en fiktiv kommune (ellers fra lista)"
        )

    def handle(self, *args: object, **options: object) -> None:
        translation.activate(str(options["language"]))
        national_home_ensure()
        try:
            municipality = municipality_create(
                number=str(options["number"]),
                name=str(options["name"]),
                language=str(options["language"]),
                host=str(options["host"]),
                port=int(options["port"]),  # type: ignore[call-overload]
                fictional=bool(options["fictional"]),
                county=str(options["county"]),
            )
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Opprettet {municipality} på {municipality.host} med en utkastmodell fra malen."
            )
        )
