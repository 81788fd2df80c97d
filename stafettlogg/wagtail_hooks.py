from wagtail import hooks

from stafettlogg import demo
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import Consent, HandOver, Log

# `manage.py load_demo` (samhandlingsmodell) asks each app for its demo data.
hooks.register("load_demo_municipality", demo.load)


@hooks.register("register_backup_summary")
def backup_summary() -> dict[str, list[str]]:
    """What a backup's summary counts of the logs (core.backup)."""
    return {
        "logs": [Log._meta.db_table],
        "entries": [kind.model._meta.db_table for kind in ENTRY_KINDS],
        "consents": [Consent._meta.db_table],
        "handovers": [HandOver._meta.db_table],
    }
