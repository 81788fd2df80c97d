"""Registering the grant decision lays out the project's timeline from the scheme's rules, and
the roles of the grant project hold where they should and nowhere else."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from audit.services import SYSTEM
from grants.access import GrantAction, access_for
from grants.models import GrantProject, MilestoneKind
from grants.rules import add_months
from grants.services import project_register
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def test_months_are_added_to_the_same_day_or_the_last_of_a_shorter_month() -> None:
    assert add_months(datetime.date(2026, 3, 1), 12) == datetime.date(2027, 3, 1)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_the_grant_decision_gives_the_milestones_of_the_scheme() -> None:
    municipality = Municipality.objects.get(number="9902")
    GrantProject.objects.filter(municipality=municipality).delete()
    decision = datetime.date(2027, 1, 15)
    project = project_register(
        SYSTEM,
        municipality,
        decision_date=decision,
        amount_development=400_000,
        amount_implementation=500_000,
    )
    due = {m.kind: m.due_date for m in project.milestones.all()}
    assert project.end_date == datetime.date(2029, 1, 15)
    assert due[MilestoneKind.MODEL_SUBMITTED] == datetime.date(2028, 1, 15)  # within a year
    assert due[MilestoneKind.HANDOVER] == datetime.date(2028, 7, 15)  # 6 months before the end
    assert due[MilestoneKind.FINAL_REPORT] == project.end_date
    assert len(due) == 6
    # Titles in the municipality's written standard (Fjordvik: nynorsk).
    titles = {m.kind: m.title for m in project.milestones.all()}
    assert titles[MilestoneKind.BUFDIR_APPROVAL] != "Bufdir's approval of the model"
    assert AuditEvent.objects.filter(
        action="grant.project_register", municipality_id=municipality.pk
    ).exists()


def test_a_second_decision_and_too_large_a_grant_are_refused_and_nothing_is_saved() -> None:
    municipality = Municipality.objects.get(number="9901")
    with pytest.raises(ValidationError):
        project_register(
            SYSTEM,
            municipality,
            decision_date=datetime.date(2026, 1, 1),
            amount_development=1,
            amount_implementation=1,
        )
    GrantProject.objects.filter(municipality=municipality).delete()
    with pytest.raises(ValidationError):
        project_register(
            SYSTEM,
            municipality,
            decision_date=datetime.date(2026, 1, 1),
            amount_development=600_000,
            amount_implementation=1,
        )
    assert not GrantProject.objects.filter(municipality=municipality).exists()


@pytest.mark.parametrize(
    ("username", "number", "expected"),
    [
        ("eksempelvik-koordinator", "9901", {"view_project", "edit_project", "submit_model"}),
        ("eksempelvik-koordinator", "9902", set()),
        ("eksempelvik-redaktor", "9901", {"view_project"}),
        ("eksempelvik-stafettholder", "9901", set()),
        ("bufdir-radgiver", "9901", {"view_project", "comment", "decide"}),
        ("bufdir-radgiver", "9902", {"view_project", "comment", "decide"}),
        ("korus-ost-radgiver", "9901", {"view_project"}),
        ("korus-ost-radgiver", "9902", set()),
        ("korus-vest-radgiver", "9902", {"view_project"}),
    ],
)
def test_who_may_do_what_in_a_grant_project(username: str, number: str, expected: set) -> None:
    user = User.objects.get(username=username)
    access = access_for(user, Municipality.objects.get(number=number))
    may = {action.value for action in GrantAction if access.can(action)}
    assert expected <= may
    if not expected:
        assert may == set()
    if username.startswith("korus"):
        assert not may & {"comment", "decide", "edit_project"}
    if username == "bufdir-radgiver":
        assert "edit_project" not in may
