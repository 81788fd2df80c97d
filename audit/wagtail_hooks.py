from wagtail import hooks

from audit.models import AuditEvent


@hooks.register("register_backup_summary")
def backup_summary() -> dict[str, list[str]]:
    """What a backup's summary counts of the audit trail (core.backup)."""
    return {"audit_events": [AuditEvent._meta.db_table]}
