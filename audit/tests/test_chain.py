"""The audit trail is append-only and hash-chained; verify_audit finds any altered, inserted
or removed record. Tampering is done the way an attacker with database access would: with
raw SQL and the append-only trigger switched off."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from audit.models import AppendOnlyError, AuditEvent
from audit.selectors import verify_chain
from audit.services import Actor, record

pytestmark = pytest.mark.django_db

ACTOR = Actor(user_id=None, name="Test Testesen", role="stafettholder", ip_address="10.0.0.7")


def _events(n: int = 5) -> list[AuditEvent]:
    return [record(ACTOR, "log.view", detail={"n": i}) for i in range(n)]


def _tamper(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As a database superuser can: switch off triggers for this session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_intact_chain_verifies_and_command_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    _events()
    assert verify_chain().ok
    call_command("verify_audit")
    assert "intakt" in capsys.readouterr().out


def test_each_event_links_to_the_one_before() -> None:
    events = _events(3)
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert events[2].seq == events[0].seq + 2
    stored = AuditEvent.objects.get(pk=events[0].pk)
    assert (stored.ip_address, stored.role, stored.actor_name) == (
        "10.0.0.7",
        "stafettholder",
        "Test Testesen",
    )


def test_altered_record_is_found() -> None:
    events = _events()
    _tamper(
        "UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["Noen Andre", events[2].pk]
    )
    result = verify_chain()
    assert not result.ok
    assert any(f"Hendelse {events[2].seq}: innholdet er endret" in p for p in result.problems)
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_altered_and_rehashed_record_breaks_the_next_link() -> None:
    events = _events()
    victim = AuditEvent.objects.get(pk=events[1].pk)
    victim.action = "log.timeline"
    from audit.services import event_digest

    _tamper(
        "UPDATE audit_auditevent SET action = %s, hash = %s WHERE id = %s",
        ["log.timeline", event_digest(victim), victim.pk],
    )
    result = verify_chain()
    assert any(f"Hendelse {events[2].seq}: lenken" in p for p in result.problems)


def test_removed_record_in_the_middle_is_found() -> None:
    events = _events()
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    result = verify_chain()
    assert not result.ok
    assert any("mangler" in p for p in result.problems)


def test_removed_last_record_is_found() -> None:
    events = _events()
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    result = verify_chain()
    assert any("Kjedens hode" in p for p in result.problems)


def test_application_cannot_change_or_delete_events() -> None:
    event = _events(1)[0]
    event.action = "other"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL")
def test_database_refuses_update_and_delete() -> None:
    event = _events(1)[0]
    for sql in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(Exception, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])


def test_a_rolled_back_write_leaves_no_audit_record() -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record(ACTOR, "log.view")
        raise RuntimeError
    assert AuditEvent.objects.count() == before
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers exist on PostgreSQL")
def test_database_refuses_truncate_and_rewinding_the_head() -> None:
    _events(2)
    for sql in (
        "TRUNCATE audit_auditevent",
        "UPDATE audit_audithead SET seq = 0, hash = repeat('0', 64)",
        "DELETE FROM audit_audithead",
    ):
        with (
            pytest.raises(Exception, match="append-only|only moves forward"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql)
    assert verify_chain().ok
