"""Closed logs are deleted after the municipality's retention period by a scheduled task,
leaving only an audit tombstone; open logs and recently closed ones stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from audit.selectors import verify_chain
from audit.services import SYSTEM
from stafettlogg import services
from stafettlogg.models import Consent, Guardian, Log, Measure, Participant
from stafettlogg.selectors import log_settings

from .conftest import World

pytestmark = pytest.mark.django_db


def test_old_closed_logs_are_purged_leaving_a_tombstone(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings_obj = log_settings(world.municipality)
    settings_obj.retention_months = 12
    settings_obj.save()
    log = world.log
    services.consent_record(
        SYSTEM,
        log,
        guardians=list(log.guardians.all()),
        units=[world.kindergarten, world.health],
        given_on=timezone.localdate(),
        signed_form=SimpleUploadedFile("s.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    signed = Consent.objects.filter(log=log).exclude(signed_form="").get().signed_form
    storage, name = signed.storage, signed.name
    holder = log.participants.get(role="holder")
    services.measure_add(
        SYSTEM,
        log,
        Measure(
            description="Tiltak",
            responsible=holder,
            unit=world.kindergarten,
            start_date=timezone.localdate(),
            evaluation_date=timezone.localdate(),
        ),
        author=None,
    )
    actor = log.participants.get(user=world.users["actor"])
    services.handover_propose(SYSTEM, log, from_participant=holder, to_participant=actor)
    services.log_close(SYSTEM, log, reason="goal")
    services.log_close(SYSTEM, world.other_log, reason="goal")
    Log.objects.filter(pk=log.pk).update(closed_at=timezone.now() - timedelta(days=400))

    from stafettlogg.tasks import purge_closed_logs

    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_logs.enqueue().return_value == 1
    assert not Log.objects.filter(pk=log.pk).exists()
    assert not Guardian.objects.filter(log_id=log.pk).exists()
    assert not Participant.objects.filter(log_id=log.pk).exists()
    assert Log.objects.filter(pk=world.other_log.pk).exists()  # closed today: kept
    tombstone = AuditEvent.objects.get(log_id=log.pk, action="log.purge")
    assert tombstone.detail["reason"] == "goal"
    assert "Testbarn" not in str(tombstone.detail)
    assert verify_chain().ok
    assert not storage.exists(name)  # the signed form is gone too


def test_open_logs_are_never_purged(world: World) -> None:
    Log.objects.filter(pk=world.log.pk).update(created_at=timezone.now() - timedelta(days=9999))
    assert services.purge_closed_logs(timezone.localdate() + timedelta(days=9999)) == 0
    assert Log.objects.filter(pk=world.log.pk).exists()
