"""Milestones in the admin: the project leader changes one, adds one of the municipality's
own, marks one done and deletes one of their own after confirming; the scheme's stay."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from grants.models import GrantProject, Milestone, MilestoneKind, MilestoneStatus

pytestmark = pytest.mark.django_db
HOST = "eksempelvik.localhost"


def _leader() -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username="eksempelvik-koordinator"))
    return client


def _first() -> Milestone:
    project = GrantProject.objects.get(municipality__number="9901")
    return project.milestones.order_by("due_date").first()


def test_the_project_leader_changes_a_milestone() -> None:
    milestone = _first()
    response = _leader().post(
        f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/",
        {
            "title": "Oppstartsmøte",
            "due_date": "2026-05-20",
            "owner": "Prosjektleder",
            "owner_email": "prosjekt@eksempelvik.example",
            "reminder_days": "7",
            "status": MilestoneStatus.IN_PROGRESS,
            "completed_on": "",
            "note": "Avtalt med KORUS.",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_date == datetime.date(2026, 5, 20)
    assert milestone.reminder_days == 7 and milestone.status == MilestoneStatus.IN_PROGRESS
    event = AuditEvent.objects.filter(action="grant.milestone_update").latest("seq")
    assert "due_date" in event.detail["fields"] and "Avtalt" not in str(event.detail)


def test_done_without_a_date_records_today_and_a_date_without_done_is_refused() -> None:
    milestone = _first()
    leader = _leader()
    data = {
        "title": milestone.title,
        "due_date": milestone.due_date.isoformat(),
        "reminder_days": "14",
        "status": MilestoneStatus.PLANNED,
        "completed_on": "2026-05-01",
    }
    refused = leader.post(f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/", data)
    assert refused.status_code == 200
    assert "sett statusen til ferdig eller fjern datoen" in refused.content.decode()
    data.update(status=MilestoneStatus.DONE, completed_on="")
    assert leader.post(f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/", data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.completed_on == timezone.localdate()


def test_the_form_names_each_mistake() -> None:
    milestone = _first()
    response = _leader().post(
        f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/",
        {"title": "", "due_date": "31.02.2026", "owner_email": "ikke-epost", "reminder_days": "-1"},
    )
    text = response.content.decode()
    assert "Gi milepælen en tittel." in text
    assert "Skriv inn en dato, for eksempel 15.03.2026." in text
    assert "Skriv inn en e-postadresse" in text
    assert "Antall dager kan ikke være negativt." in text
    assert 'href="#id_title"' in text  # the error summary links to the field


def test_the_overdue_milestones_are_marked_in_words() -> None:
    milestone = _first()
    Milestone.objects.filter(pk=milestone.pk).update(due_date=datetime.date(2026, 1, 5))
    text = _leader().get("/admin/tilskudd/9901/").content.decode()
    assert "Forfalt" in text
    assert "er forfalt" in text  # the summary above the timeline


def test_mark_done_and_an_own_milestone_added_and_deleted_after_confirming() -> None:
    leader = _leader()
    milestone = _first()
    assert leader.post(f"/admin/tilskudd/9901/milepaeler/{milestone.pk}/ferdig/").status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DONE

    added = leader.post(
        "/admin/tilskudd/9901/milepaeler/ny/",
        {"title": "Dialogmøte med ungdomsrådet", "due_date": "2026-11-01", "reminder_days": "14"},
    )
    assert added.status_code == 302
    own = Milestone.objects.get(title="Dialogmøte med ungdomsrådet")
    assert own.kind == MilestoneKind.OTHER
    confirm = leader.get(f"/admin/tilskudd/9901/milepaeler/{own.pk}/slett/")
    assert confirm.status_code == 200 and "Dialogmøte med ungdomsrådet" in confirm.content.decode()
    leader.post(f"/admin/tilskudd/9901/milepaeler/{own.pk}/slett/")
    assert not Milestone.objects.filter(pk=own.pk).exists()

    # The scheme's milestones are not deleted.
    scheme = GrantProject.objects.get(municipality__number="9901").milestones.last()
    leader.post(f"/admin/tilskudd/9901/milepaeler/{scheme.pk}/slett/")
    assert Milestone.objects.filter(pk=scheme.pk).exists()
