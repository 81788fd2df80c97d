"""A backup records the head of the audit chain (through core.backup's register_backup_state
hook), read as the backup's cursor sees it, and a restore must give the same head back."""

from __future__ import annotations

import pytest
from django.db import connection

from audit.models import AuditHead
from audit.selectors import chain_head_in
from audit.services import Actor, record
from core.backup import registered_states

pytestmark = pytest.mark.django_db

ACTOR = Actor(user_id=None, name="Test Testesen", role="stafettholder", ip_address="10.0.0.7")


def test_the_head_a_backup_records_is_the_chains_head_row_and_moves_with_each_record() -> None:
    record(ACTOR, "log.view")
    with connection.cursor() as cursor:
        first = chain_head_in(cursor)
    head = AuditHead.objects.get()
    assert first == {"seq": head.seq, "hash": head.hash}
    record(ACTOR, "log.view")
    with connection.cursor() as cursor:
        second = chain_head_in(cursor)
    assert second is not None and first is not None
    assert second["seq"] == first["seq"] + 1 and second["hash"] != first["hash"]


def test_the_audit_trail_registers_its_head_for_the_manifest_under_its_old_name() -> None:
    states = {state.name: state for state in registered_states()}
    assert list(states) == ["audit_head"]
    assert states["audit_head"].read is chain_head_in
    assert "Revisjonssporets hode" in states["audit_head"].mismatch
