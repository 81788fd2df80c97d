"""manage.py seed_grants: fictional municipalities in the grant scheme for the advisers'
overview benchmark."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from devdata import grants_seed


class Command(BaseCommand):
    help = (
        "Tops the grant scheme up to --in-scheme municipalities (default 357) with fictional "
        "municipalities (numbers from 8000), each with a project, milestones, rounds and "
        "training. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--in-scheme", type=int, default=357)
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["in_scheme"] <= 1000:
            raise CommandError("--in-scheme must be between 1 and 1000.")
        started = time.monotonic()
        made = grants_seed.seed(options["in_scheme"], seed=options["seed"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Ferdig på {time.monotonic() - started:.0f} s: {made} nye kommuner i "
                "tilskuddsordningen."
            )
        )
