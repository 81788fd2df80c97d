"""The grant project in the municipality's admin: the project leader registers the decision and
edits the project; the municipality's editors and approvers read it; nobody of another
municipality sees it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.models import AuditEvent
from grants.access import access_for, municipal_project_access
from grants.models import GrantProject, GroupKind, MilestoneKind, ProjectMember
from grants.rules import MILESTONE_RULES, milestone_due
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
HOST = "eksempelvik.localhost"


def _client(username: str, host: str = HOST) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(User.objects.get(username=username))
    return client


def test_the_project_leader_registers_the_decision_and_the_milestones_follow_the_rules() -> None:
    GrantProject.objects.filter(municipality__number="9901").delete()
    leader = _client("eksempelvik-koordinator")
    empty = leader.get("/admin/tilskudd/9901/").content.decode()
    assert "Registrer tilskuddsvedtaket" in empty
    response = leader.post(
        "/admin/tilskudd/9901/vedtak/",
        {
            "decision_date": "2026-02-10",
            "amount_development": "450000",
            "amount_implementation": "500000",
        },
    )
    assert response.status_code == 302
    project = GrantProject.objects.get(municipality__number="9901")
    decision = datetime.date(2026, 2, 10)
    assert project.end_date == datetime.date(2028, 2, 10)
    dues = {m.kind: m.due_date for m in project.milestones.all()}
    assert dues == {rule.kind: milestone_due(decision, rule) for rule in MILESTONE_RULES}
    assert dues[MilestoneKind.MODEL_SUBMITTED] == datetime.date(2027, 2, 10)
    page = leader.get("/admin/tilskudd/9901/").content.decode()
    assert "Modellen ferdig og sendt til Bufdir" in page
    assert "450\u00a0000 kr" in page and "950\u00a0000 kr" in page
    assert "10. februar 2028" in page  # the project period's end
    assert "KORUS Øst" in page
    assert AuditEvent.objects.filter(action="grant.project_register").exists()


def test_the_decision_form_explains_what_is_wrong() -> None:
    GrantProject.objects.filter(municipality__number="9901").delete()
    leader = _client("eksempelvik-koordinator")
    response = leader.post(
        "/admin/tilskudd/9901/vedtak/",
        {"decision_date": "", "amount_development": "600000", "amount_implementation": "-1"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Skjemaet har feil" in text
    assert "Skriv inn datoen for tilskuddsvedtaket." in text
    assert "Tilskuddet per periode er høyst 500 000 kroner." in text
    assert "Beløpet kan ikke være negativt." in text
    assert not GrantProject.objects.filter(municipality__number="9901").exists()


def test_the_project_leader_edits_the_details_and_uploads_the_mandate() -> None:
    municipality = Municipality.objects.get(number="9901")
    leader = _client("eksempelvik-koordinator")
    assert leader.get("/admin/tilskudd/9901/rediger/").status_code == 200
    response = leader.post(
        "/admin/tilskudd/9901/rediger/",
        {
            "amount_development": "400000",
            "amount_implementation": "500000",
            "project_owner": "Kommunedirektøren",
            "project_leader": "Kim Koordinator",
            "bufdir_contact": "Berit i Bufdir",
            "mandate": "Utvikle og innføre en samhandlingsmodell.",
            "mandate_adopted": "Kommunestyret, sak 23/45",
            "project_plan": "Mål, organisering og aktiviteter.",
            "mandate_file": SimpleUploadedFile("mandat.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = GrantProject.objects.get(municipality=municipality)
    assert project.amount_development == 400_000
    assert project.mandate_document is not None
    assert project.mandate_document.collection_id == municipality.collection_id
    page = _client("eksempelvik-redaktor").get("/admin/tilskudd/9901/").content.decode()
    assert "Kommunestyret, sak 23/45" in page and "Berit i Bufdir" in page
    event = AuditEvent.objects.filter(action="grant.project_update").latest("seq")
    assert "Kim" not in str(event.detail) and "mandate_document" in event.detail["fields"]


def test_members_are_added_to_and_removed_from_the_groups() -> None:
    leader = _client("eksempelvik-koordinator")
    added = leader.post(
        "/admin/tilskudd/9901/grupper/",
        {"group": GroupKind.REFERENCE_GROUP, "name": "Foreldreutvalget", "represents": "Foreldre"},
    )
    assert added.status_code == 302
    member = ProjectMember.objects.get(name="Foreldreutvalget")
    confirm = leader.get(f"/admin/tilskudd/9901/grupper/{member.pk}/fjern/")
    assert confirm.status_code == 200 and "Foreldreutvalget" in confirm.content.decode()
    assert ProjectMember.objects.filter(pk=member.pk).exists()  # not before confirming
    leader.post(f"/admin/tilskudd/9901/grupper/{member.pk}/fjern/")
    assert not ProjectMember.objects.filter(pk=member.pk).exists()
    missing = leader.post("/admin/tilskudd/9901/grupper/", {"group": "", "name": ""})
    assert "Velg gruppen." in missing.content.decode()


def test_a_reader_sees_the_project_but_cannot_change_it() -> None:
    editor = _client("eksempelvik-redaktor")
    page = editor.get("/admin/tilskudd/9901/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Oppstartsmøte med KORUS og Bufdir" in text
    assert "Rediger prosjektet" not in text and "Merk som ferdig" not in text
    project = GrantProject.objects.get(municipality__number="9901")
    milestone = project.milestones.first()
    assert editor.get("/admin/tilskudd/9901/rediger/").status_code == 404
    assert editor.post("/admin/tilskudd/9901/rediger/", {}).status_code == 404
    assert editor.post(f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/ferdig/").status_code == 404
    assert editor.post("/admin/tilskudd/9901/grupper/", {"name": "x"}).status_code == 404
    milestone.refresh_from_db()
    assert milestone.status != "done"


def test_another_municipality_gets_404_everywhere() -> None:
    project = GrantProject.objects.get(municipality__number="9901")
    milestone = project.milestones.first()
    member = project.members.first()
    other = _client("fjordvik-koordinator", host="fjordvik.localhost")
    for url in [
        "/admin/tilskudd/9901/",
        "/admin/tilskudd/9901/rediger/",
        "/admin/tilskudd/9901/grupper/",
        f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/",
        f"/admin/tilskudd/9902/milepaeler/{milestone.pk}/",  # own number, their milestone
        f"/admin/tilskudd/9902/grupper/{member.pk}/fjern/",
        "/admin/tilskudd/9901/opplaering/",
        "/admin/tilskudd/9901/svakheter/",
    ]:
        assert other.get(url).status_code == 404, url
    assert other.post(f"/admin/tilskudd/9902/milepaeler/{milestone.pk}/ferdig/").status_code == 404
    # A member of the municipality's staff group only (no editor, approver or project role)
    # sees no project either.
    staff = _client("eksempelvik-ansatt")
    response = staff.get("/admin/tilskudd/9901/")
    assert response.status_code in (302, 404)
    assert "Oppstartsmøte" not in response.content.decode()


@pytest.mark.parametrize(
    "username",
    [
        "eksempelvik-koordinator",
        "eksempelvik-redaktor",
        "eksempelvik-godkjenner",
        "eksempelvik-ansatt",
        "fjordvik-koordinator",
        "bufdir-radgiver",
        "nasjonal-admin",
    ],
)
def test_the_menus_and_dashboards_list_agrees_with_access_for(username: str) -> None:
    user = User.objects.get(username=username)
    listed = {m.number: access.actions for m, access in municipal_project_access(user)}
    for municipality in Municipality.objects.all():
        access = access_for(user, municipality)
        if user.is_superuser:
            assert municipality.number not in listed
        elif access.can("view_project") and not access.role.startswith(("bufdir", "korus")):
            assert listed.get(municipality.number) == access.actions, municipality
        elif access.role not in ("bufdir", "korus"):
            assert municipality.number not in listed


def test_the_menu_offers_the_project_to_those_who_may_read_it() -> None:
    assert "/admin/tilskudd/" in _client("eksempelvik-redaktor").get("/admin/").content.decode()
    assert "/admin/tilskudd/" not in _client("eksempelvik-ansatt").get("/admin/").content.decode()
    index = _client("eksempelvik-koordinator").get("/admin/tilskudd/")
    assert index.status_code == 302 and index["Location"] == "/admin/tilskudd/9901/"


def test_the_project_pages_read_a_bounded_number_of_queries(django_assert_max_num_queries) -> None:
    leader = _client("eksempelvik-koordinator")
    project = GrantProject.objects.get(municipality__number="9901")
    milestone = project.milestones.first()
    for url, budget in [
        ("/admin/tilskudd/9901/", 30),
        ("/admin/tilskudd/9901/rediger/", 25),
        ("/admin/tilskudd/9901/grupper/", 25),
        (f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/", 25),
        ("/admin/tilskudd/9901/milepaeler/ny/", 25),
    ]:
        leader.get(url)
        with django_assert_max_num_queries(budget):
            assert leader.get(url).status_code == 200, url
