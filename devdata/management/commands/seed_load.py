"""manage.py seed_load: fictional municipalities full of logs for the load benchmark."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from devdata.load import Counts, Plan, refusal, seed


class Command(BaseCommand):
    help = (
        "Fills a throwaway PostgreSQL database with fictional municipalities, staff, logs and "
        "entries for load tests (e.g. --municipalities 50 --logs 100000 --entries 2000000). "
        "Refuses a database with real municipalities or an earlier seed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=int, default=50)
        parser.add_argument("--logs", type=int, default=100_000)
        parser.add_argument("--entries", type=int, default=2_000_000)
        parser.add_argument("--seed", type=int, default=2026, help="random seed")
        parser.add_argument(
            "--allow-real-municipalities",
            action="store_true",
            help="run even though the database holds real municipalities (never in production)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("seed_load writes with PostgreSQL COPY: set DATABASE_URL.")
        if not 1 <= options["municipalities"] <= 800:
            raise CommandError("--municipalities must be between 1 and 800.")
        if options["logs"] < options["municipalities"] or options["entries"] < 0:
            raise CommandError("Give at least one log per municipality.")
        if reason := refusal(allow_real=options["allow_real_municipalities"]):
            raise CommandError(reason)
        plan = Plan(
            municipalities=options["municipalities"],
            logs=options["logs"],
            entries=options["entries"],
            seed=options["seed"],
        )
        started = time.monotonic()

        def progress(index: int, counts: Counts) -> None:
            if options["verbosity"] > 1 or index % 10 == 0 or index == plan.municipalities:
                self.stdout.write(
                    f"{index}/{plan.municipalities} kommuner, {counts.logs} logger, "
                    f"{counts.entries} oppføringer ({time.monotonic() - started:.0f} s)"
                )

        counts = seed(plan, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Ferdig på {time.monotonic() - started:.0f} s: {counts.municipalities} kommuner, "
                f"{counts.staff} ansatte, {counts.logs} logger ({counts.big_logs} med 200 "
                f"oppføringer), {counts.guardians} foresatte, {counts.participants} deltakere, "
                f"{counts.entries} oppføringer {counts.by_type}."
            )
        )
