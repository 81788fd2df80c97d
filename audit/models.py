"""The audit trail: an append-only chain of events, each sealed with the hash of the one before.

Rows are never updated or deleted by the application (``save`` and ``delete`` refuse, and on
PostgreSQL a trigger refuses too). ``verify_audit`` recomputes the chain, so a record altered,
inserted or removed behind the application's back is found.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True, editable=False)
    created_at = models.DateTimeField(_("time"), editable=False)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # Snapshots, so that the record still says who it was when the account is gone.
    actor_name = models.CharField(_("who"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    action = models.CharField(_("what"), max_length=60)
    log_id = models.UUIDField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["log_id", "action", "seq"], name="audit_log_action_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit events cannot be deleted.")


GENESIS_HASH = "0" * 64


class AuditHead(models.Model):
    """The last link of the chain, so that removing the newest records is found too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"#{self.seq}"
