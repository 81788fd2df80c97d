"""The report to Bufdir: the status report and the final report, as PDF and DOCX, filled from
the project in the municipality's written standard; only for those who may read the project."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Max
from django.http import Http404
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from accounts.models import Unit
from audit.models import AuditEvent
from audit.services import SYSTEM
from grants import services
from grants.models import (
    GrantProject,
    MilestoneKind,
    MilestoneStatus,
    TrainingRecord,
    TrainingTopic,
    Weakness,
    WeaknessStatus,
)
from grants.selectors.report import report_data
from grants.views.report import report_download
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
HOSTS = {"9901": "eksempelvik.localhost", "9902": "fjordvik.localhost"}
PREFIX = {"9901": "eksempelvik", "9902": "fjordvik"}


def _client(number: str, role: str = "koordinator") -> Client:
    client = Client(HTTP_HOST=HOSTS[number])
    client.force_login(User.objects.get(username=f"{PREFIX[number]}-{role}"))
    return client


def _seed(number: str) -> GrantProject:
    """The project's facts, an overdue milestone, training (an older and a newer record for the
    same unit and topic), a weakness with its measure and a decided round with Bufdir."""
    municipality = Municipality.objects.get(number=number)
    project = municipality.grant_project
    project.project_owner = "Kommunedirektør Eva Eier"
    project.bufdir_contact = "Berit Bufdir"
    project.mandate_adopted = "Kommunestyret, sak 12/26"
    project.project_plan = "Alle tenester kjenner modellen innan 2027."
    project.save()
    project.milestones.filter(kind=MilestoneKind.STARTUP_MEETING).update(
        due_date=datetime.date(2026, 1, 10), status=MilestoneStatus.PLANNED, owner="Kim"
    )
    unit = Unit.objects.filter(municipality=municipality, name="Helsestasjonen").get()
    TrainingRecord.objects.create(
        project=project,
        unit=unit,
        held_on=datetime.date(2026, 4, 1),
        topic=TrainingTopic.BOTH,
        trained=2,
        staff_total=10,
    )
    TrainingRecord.objects.create(
        project=project,
        unit=unit,
        held_on=datetime.date(2026, 10, 1),
        topic=TrainingTopic.BOTH,
        roles="helsesykepleiere",
        trained=7,
        staff_total=10,
    )
    Weakness.objects.create(
        project=project,
        description="Barnehagane manglar rutine for samtale med føresette",
        measure="Felles samtalerutine for alle barnehagar",
        owner="Oppvekstsjef",
        status=WeaknessStatus.IN_PROGRESS,
    )
    submission = services.submission_create(SYSTEM, project, user=None, message="")
    services.comment_add(SYSTEM, submission, user=None, text="Skriv tydelegare mål.")
    services.submission_decide(SYSTEM, submission, user=None, approve=False)
    return project


def _downloads_after(seq: int):  # type: ignore[no-untyped-def]
    """The report downloads recorded after ``seq`` (the database may hold older ones, from the
    browser tests' server)."""
    return AuditEvent.objects.filter(action="grant.report_download", seq__gt=seq).order_by("seq")


def _last_seq() -> int:
    return AuditEvent.objects.aggregate(last=Max("seq"))["last"] or 0


def _pdf(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def _docx(content: bytes) -> tuple[Document, str]:  # type: ignore[valid-type]
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return document, "\n".join(parts).replace("\xa0", " ")


def test_the_status_report_pdf_says_what_the_product_knows_about_the_project() -> None:
    _seed("9901")
    response = _client("9901").get("/admin/tilskudd/9901/rapport/status.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "statusrapport-9901.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    reader, text = _pdf(response.content)
    for expected in (
        "Statusrapport til Bufdir",
        "Eksempelvik",
        "1. mars 2026",  # the decision date
        "Kommunedirektør Eva Eier",
        "Kommunestyret, sak 12/26",
        "KORUS",
        "Ungdomsrådet",  # the reference group
        "Milepæler",
        "forfalt",  # the start-up meeting is overdue
        "Modellsjekk",
        "endringer etterspurt",  # the round's decision
        "Helsestasjonen",
        "70 %",  # the newest training counts, not the older 20 %
        "Felles samtalerutine for alle barnehagar",
        "Statistikk og kartlegging",
        "Enheter uten registrert opplæring: PPT",
    ):
        assert expected in text, expected
    assert "20 %" not in text
    # The final assessment belongs to the final report only.
    assert "Sluttvurdering" not in text
    # Tagged, titled with the municipality's name, in the municipality's language.
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nb-NO"
    assert reader.metadata is not None
    assert reader.metadata.title == "Statusrapport til Bufdir – Eksempelvik kommune"


def test_the_final_report_docx_has_headings_tables_and_the_final_assessment() -> None:
    _seed("9901")
    response = _client("9901").get("/admin/tilskudd/9901/rapport/slutt.docx")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document, text = _docx(response.content)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    sections = [text for style, text in headings if style == "Heading 1"]
    assert sections == [
        "Om prosjektet",
        "Milepæler",
        "Modellsjekk",
        "Opplæring",
        "Svakheter og forbedringstiltak",
        "Statistikk og kartlegging",
        "Sluttvurdering",
    ]
    parts = [text for style, text in headings if style == "Heading 2"]
    assert "Hva er oppnådd målt mot målene" in parts
    assert "Overføring til drift" in parts
    assert ("Heading 3", "Referansegruppe (brukermedvirkning)") in headings
    assert document.paragraphs[1].style.name == "Title"
    assert document.paragraphs[1].text == "Sluttrapport til Bufdir"
    assert "Alle tenester kjenner modellen innan 2027." in text  # the goals, from the plan
    assert "70 %" in text and "Felles samtalerutine for alle barnehagar" in text
    # Tables with a header row that repeats on every page.
    milestones = next(t for t in document.tables if t.rows[0].cells[0].text == "Milepæl")
    assert milestones.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any("Sluttrapport til Bufdir" in row.cells[0].text for row in milestones.rows)
    assert document.core_properties.language == "nb-NO"
    assert document.core_properties.title == "Sluttrapport til Bufdir – Eksempelvik kommune"
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "nb-NO"


def test_fjordvik_gets_its_reports_in_nynorsk() -> None:
    _seed("9902")
    client = _client("9902")
    pdf = client.get("/admin/tilskudd/9902/rapport/slutt.pdf")
    reader, text = _pdf(pdf.content)
    assert "Sluttrapport til Bufdir" in text
    assert "Tilskot til utvikling av modellen" in text
    assert "Milepælar" in text and "Kva er oppnådd målt mot måla" in text
    assert "Milepæler" not in text and "tilskudd" not in text.lower()
    assert reader.trailer["/Root"]["/Lang"] == "nn-NO"
    docx = client.get("/admin/tilskudd/9902/rapport/status.docx")
    document, text = _docx(docx.content)
    assert document.paragraphs[1].text == "Statusrapport til Bufdir"
    assert "tilskot" in text.lower() and "Opplæring" in text
    assert document.core_properties.language == "nn-NO"


def test_an_editor_of_the_municipality_may_download_the_report_too() -> None:
    response = _client("9901", "redaktor").get("/admin/tilskudd/9901/rapport/status.pdf")
    assert response.status_code == 200


def test_a_reader_of_another_municipality_gets_404() -> None:
    _seed("9902")
    before = _last_seq()
    for role in ("koordinator", "redaktor"):
        client = _client("9901", role)
        for url in (
            "/admin/tilskudd/9902/rapport/status.pdf",
            "/admin/tilskudd/9902/rapport/slutt.docx",
        ):
            assert client.get(url).status_code == 404, (role, url)
            assert client.get(url, HTTP_HOST=HOSTS["9902"]).status_code == 404, (role, url)
    assert not _downloads_after(before).exists()


def test_an_unknown_kind_of_report_gets_404() -> None:
    client = _client("9901")
    assert client.get("/admin/tilskudd/9901/rapport/aarsrapport.pdf").status_code == 404
    assert client.get("/admin/tilskudd/9999/rapport/status.pdf").status_code == 404


def test_every_download_is_in_the_audit_trail_with_its_kind_and_format() -> None:
    before = _last_seq()
    client = _client("9901")
    client.get("/admin/tilskudd/9901/rapport/status.pdf")
    client.get("/admin/tilskudd/9901/rapport/slutt.docx")
    events = _downloads_after(before)
    assert [event.detail for event in events] == [
        {"kind": "status", "format": "pdf"},
        {"kind": "slutt", "format": "docx"},
    ]
    leader = User.objects.get(username="eksempelvik-koordinator")
    assert {event.actor_id for event in events} == {leader.pk}
    assert {event.role for event in events} == {"project_leader"}
    assert {event.municipality_id for event in events} == {
        Municipality.objects.get(number="9901").pk
    }


def test_the_number_of_queries_does_not_grow_with_the_project(
    django_assert_max_num_queries,
) -> None:
    client = _client("9901")
    url = "/admin/tilskudd/9901/rapport/slutt.docx"
    # Most of them are Modellsjekk's own, which reads the whole model in a fixed number.
    with CaptureQueriesContext(connection) as before, django_assert_max_num_queries(55):
        assert client.get(url).status_code == 200
    project = _seed("9901")
    units = list(Unit.objects.filter(municipality=project.municipality))
    for number, unit in enumerate(units):
        TrainingRecord.objects.create(
            project=project,
            unit=unit,
            held_on=datetime.date(2026, 11, 1),
            topic=TrainingTopic.MODEL,
            trained=number,
            staff_total=20,
        )
        Weakness.objects.create(project=project, description=f"Svakhet {number}", measure="Tiltak")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_approval_page_offers_both_reports_in_both_formats() -> None:
    page = _client("9901").get("/admin/tilskudd/9901/bufdir/").content.decode()
    assert "Rapport til Bufdir" in page
    for url in (
        "/admin/tilskudd/9901/rapport/status.pdf",
        "/admin/tilskudd/9901/rapport/status.docx",
        "/admin/tilskudd/9901/rapport/slutt.pdf",
        "/admin/tilskudd/9901/rapport/slutt.docx",
    ):
        assert f'href="{url}"' in page, url


def test_the_download_serves_the_national_advisers_of_the_municipality_only() -> None:
    """The view the national side mounts: Bufdir reads every municipality's report, a KORUS
    adviser only those of the region."""
    eksempelvik = Municipality.objects.get(number="9901")
    factory = RequestFactory()
    before = _last_seq()

    def download(username: str) -> int:
        request = factory.get("/tilskudd/9901/rapport/status.pdf")
        request.user = User.objects.get(username=username)
        try:
            return report_download(request, eksempelvik, "status", "pdf").status_code
        except Http404:
            return 404

    assert download("bufdir-radgiver") == 200
    advisers = {"ost": "korus-ost-radgiver", "vest-bergen": "korus-vest-radgiver"}
    own_region = advisers[eksempelvik.korus_region]
    other_region = next(name for name in advisers.values() if name != own_region)
    assert download(own_region) == 200
    assert download(other_region) == 404
    roles = _downloads_after(before).values_list("role", flat=True)
    assert sorted(roles) == ["bufdir", "korus"]


def test_a_round_bufdir_is_still_reviewing_shows_no_comment_counts() -> None:
    """The comments are the municipality's once the round is decided, in the report too."""
    municipality = Municipality.objects.get(number="9901")
    submission = services.submission_create(
        SYSTEM, municipality.grant_project, user=None, message=""
    )
    services.comment_add(SYSTEM, submission, user=None, text="Halvferdig kommentar.")
    data = report_data(municipality, "status")
    assert data is not None
    (row,) = data.rounds
    assert row.status == "submitted" and row.comment_count is None
    assert row.checks_total == len(submission.modellsjekk)
