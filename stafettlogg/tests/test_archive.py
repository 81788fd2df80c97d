"""Closing a log makes an archive PDF/A with a recorded checksum for the stafettholder; the
guardians can take the whole log with them as JSON."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEvent
from stafettlogg.models import LogArchive

from .conftest import World

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"stafettlogg:{name}", args=args)


def test_closing_makes_a_pdfa_archive_with_checksum(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    holder = world.client("holder")
    holder.post(url("entry_add", world.log.pk, "lysglimt"), {"text": "Et godt lysglimt"})
    with django_capture_on_commit_callbacks(execute=True):
        response = holder.post(url("close", world.log.pk), {"reason": "ip", "confirm": "on"})
    assert response.status_code == 302
    archive = LogArchive.objects.get(log=world.log)
    download = holder.get(url("archive", world.log.pk))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == archive.sha256
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ["Testbarn Ett", "Et godt lysglimt", "Eksempelvik kommune", "Arkivkopi"]:
        assert expected in text, expected
    assert world.guardian_fnr not in text
    metadata = reader.xmp_metadata
    assert metadata is not None and "pdfaid" in (
        reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode(errors="ignore")
    )
    assert AuditEvent.objects.filter(log_id=world.log.pk, action="log.archive").exists()
    # The actor (no longer able to write) cannot fetch the archive; nor can outsiders.
    assert world.client("actor").get(url("archive", world.log.pk)).status_code == 403
    assert world.client("outsider").get(url("archive", world.log.pk)).status_code == 404
    page = holder.get(url("log", world.log.pk)).content.decode()
    assert archive.sha256 in page


def test_no_archive_for_an_open_log(world: World) -> None:
    assert world.client("holder").get(url("archive", world.log.pk)).status_code == 404


def test_family_exports_the_whole_log_as_json(world: World) -> None:
    world.client("holder").post(url("entry_add", world.log.pk, "mal"), {"text": "Et mål"})
    response = world.client("guardian").get(url("export", world.log.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "Testbarn" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["barn"]["navn"] == "Testbarn Ett"
    assert [g["tekst"] for g in data["mal"]] == ["Et mål"]
    assert world.guardian_fnr not in response.content.decode()
    assert AuditEvent.objects.filter(log_id=world.log.pk, action="log.export").exists()
    assert world.client("holder").get(url("export", world.log.pk)).status_code == 403
    assert world.client("outsider").get(url("export", world.log.pk)).status_code == 404
