from wagtail import hooks

from audit.models import AuditEvent
from audit.selectors import chain_head_in
from core.backup import BackupState


@hooks.register("register_backup_summary")
def backup_summary() -> dict[str, list[str]]:
    """What a backup's summary counts of the audit trail (core.backup)."""
    return {"audit_events": [AuditEvent._meta.db_table]}


@hooks.register("register_backup_state")
def backup_state() -> list[BackupState]:
    """What a backup records of the audit trail besides its tables, and checks after a restore
    (core.backup): the head of the hash chain."""
    return [
        BackupState(
            "audit_head",
            chain_head_in,
            "Revisjonssporets hode er ikke det samme som i sikkerhetskopien.",
        )
    ]
