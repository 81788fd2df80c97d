"""The archive copy of a closed log: a PDF/A (WeasyPrint, PDF/A-3b) of the whole log with a
SHA-256 checksum recorded, for the stafettholder to file in the service's own records; and a
JSON export of the log for the guardians (right of access and portability)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from audit.services import SYSTEM, record
from stafettlogg import selectors
from stafettlogg.models import Log, LogArchive


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The archive PDF may not fetch {url!r}")


def render_archive_pdf(log: Log) -> bytes:
    from weasyprint import HTML

    with translation.override(log.municipality.language):
        context = {
            "log": log,
            "content": selectors.log_content(log),
            "timeline": selectors.timeline(log),
            "municipality": log.municipality,
            "made_at": timezone.localtime(),
        }
        html = render_to_string("stafettlogg/archive/log.html", context)
    pdf: bytes = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(pdf_variant="pdf/a-3b")
    return pdf


@transaction.atomic
def archive_create(log_id: Any) -> LogArchive | None:
    """Make the archive copy of a closed log once (idempotent)."""
    log = Log.objects.select_related("municipality").select_for_update().filter(pk=log_id).first()
    if log is None or not log.is_closed or LogArchive.objects.filter(log=log).exists():
        return None
    pdf = render_archive_pdf(log)
    archive = LogArchive(log=log, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf))
    archive.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    archive.save()
    record(
        SYSTEM,
        "log.archive",
        municipality_id=log.municipality_id,
        log_id=log.pk,
        obj=archive,
        detail={"sha256": archive.sha256},
    )
    return archive


def export_for_family(log: Log) -> dict[str, Any]:
    """Everything in the log, as data: what the guardians (and the youth) may take with them."""
    content = selectors.log_content(log)

    def entry(obj: Any, **fields: Any) -> dict[str, Any]:
        return {"skrevet": obj.created_at.isoformat(), "av": obj.author_name, **fields}

    return {
        "format": "samhandling-stafettlogg-1",
        "eksportert": timezone.now().isoformat(),
        "kommune": log.municipality.name,
        "barn": {
            "navn": log.child_name,
            "fodselsdato": log.child_birth_date.isoformat(),
            "barnehage_eller_skole": log.child_school,
        },
        "status": log.status,
        "avsluttet": log.closed_at.isoformat() if log.closed_at else None,
        "avslutningsgrunn": log.close_reason or None,
        "bti_niva": log.bti_level,
        "foresatte": [
            {"navn": g.name, "epost": g.email, "telefon": g.phone} for g in content.guardians
        ],
        "deltakere": [
            {"navn": str(p), "enhet": p.unit.name, "rolle": p.role} for p in content.participants
        ],
        "samtykker": [
            {
                "gitt": c.given_on.isoformat(),
                "utloper": c.expires_on.isoformat(),
                "trukket": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                "tjenester": [u.name for u in c.units.all()],
                "maate": c.method,
            }
            for c in content.consents
        ],
        "omrader": [
            entry(a, omrade=str(a.category), beskrivelse=a.description) for a in content.attention
        ],
        "mal": [entry(g, tekst=g.text) for g in content.goals],
        "tiltak": [
            entry(
                m,
                beskrivelse=m.description,
                ansvarlig=str(m.responsible),
                tjeneste=m.unit.name,
                start=m.start_date.isoformat(),
                evalueres=m.evaluation_date.isoformat(),
                status=m.status,
                evalueringer=[
                    entry(e, dato=e.evaluated_on.isoformat(), tekst=e.text)
                    for e in m.evaluations.all()
                ],
            )
            for m in content.measures
        ],
        "moter": [
            entry(
                m,
                dato=m.held_on.isoformat(),
                deltakere=m.attendees,
                notater=m.notes,
                avtaler=m.agreements,
            )
            for m in content.meetings
        ],
        "lysglimt": [entry(e, tekst=e.text) for e in content.lysglimt],
        "barnets_stemme": [entry(e, tekst=e.text) for e in content.voices],
        "niva": [entry(e, niva=e.level, hvorfor=e.note) for e in content.levels],
        "hvem_har_apnet": [
            {"tid": e.created_at.isoformat(), "hvem": e.actor_name, "rolle": e.role}
            for e in selectors.access_history(log)
        ],
    }


@task()
def archive_log(log_id: str) -> bool:
    """Background task: the archive PDF/A of a log that has just been closed."""
    return archive_create(log_id) is not None
