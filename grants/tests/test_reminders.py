"""Reminders of milestones, through a real SMTP server on loopback: a milestone's contact and
the project leaders hear once before it is due and once when it is overdue, in the
municipality's written standard, with a link to the project and no names of people."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from audit.services import SYSTEM
from grants import reminders
from grants.models import GrantProject, Milestone, MilestoneReminder
from grants.services.milestones import milestone_done, milestone_update
from grants.tests.test_review_notices import Inbox, inbox  # noqa: F401 - the SMTP fixture

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def startup():  # type: ignore[no-untyped-def]
    """Fjordvik's start-up meeting (nynorsk), ten days ahead, with a contact."""
    project = GrantProject.objects.get(municipality__number="9902")
    # Only this milestone is open, so that the test reads only its messages.
    first = project.milestones.order_by("due_date").first()
    for milestone in Milestone.objects.exclude(pk=first.pk).exclude(status="done"):
        milestone_done(SYSTEM, milestone)
    leader = User.objects.get(username="fjordvik-koordinator")
    leader.email = "koordinator@fjordvik.example"
    leader.save(update_fields=["email"])
    return milestone_update(
        SYSTEM,
        first,
        due_date=TODAY + datetime.timedelta(days=10),
        owner="Kari Nordmann",
        owner_email="kari@fjordvik.example",
        reminder_days=14,
    )


def test_a_reminder_goes_once_to_the_contact_and_the_project_leader(
    inbox: Inbox,  # noqa: F811
    startup,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.daily(TODAY) == 2
    [to_contact] = inbox.to("kari@fjordvik.example")
    [to_leader] = inbox.to("koordinator@fjordvik.example")
    assert to_contact == to_leader
    assert "Oppstartsmøte med KORUS og Bufdir" in to_contact
    assert "17.12.2026" in to_contact
    assert "fjordvik.localhost" in to_contact and "/admin/tilskudd/9902/" in to_contact
    assert "Påminning" in to_contact and "Ikkje svar" in to_contact  # nynorsk
    assert "Kari" not in to_contact and "Kim" not in to_contact  # no names of people

    # The next day's run (and the command from cron) sends nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.daily(TODAY + datetime.timedelta(days=1)) == 0
        call_command("send_grant_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(inbox.messages) == 2
    assert MilestoneReminder.objects.filter(sent_at__isnull=False).count() == 2


def test_an_overdue_milestone_is_told_once_more_and_a_done_one_never(
    inbox: Inbox,  # noqa: F811
    startup,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily(TODAY)
        late = TODAY + datetime.timedelta(days=11)
        assert reminders.daily(late) == 2
        assert reminders.daily(late + datetime.timedelta(days=1)) == 0
    overdue = inbox.to("kari@fjordvik.example")[1]
    assert "Over fristen" in overdue or "over fristen" in overdue
    assert len(inbox.to("kari@fjordvik.example")) == 2

    milestone_done(SYSTEM, startup)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.daily(late + datetime.timedelta(days=5)) == 0


def test_no_reminder_before_the_window_and_none_when_reminder_days_is_zero(
    inbox: Inbox,  # noqa: F811
    startup,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.daily(TODAY - datetime.timedelta(days=30)) == 0
        milestone_update(SYSTEM, startup, reminder_days=0)
        assert reminders.daily(TODAY) == 0
    assert inbox.messages == []


def test_a_new_due_date_opens_a_new_reminder(
    inbox: Inbox,  # noqa: F811
    startup,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily(TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        milestone_update(SYSTEM, startup, due_date=TODAY + datetime.timedelta(days=12))
        assert reminders.daily(TODAY) == 2
    assert "19.12.2026" in inbox.to("kari@fjordvik.example")[1]


def test_a_reminder_of_a_milestone_moved_before_sending_is_not_sent(
    inbox: Inbox,  # noqa: F811
    startup,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reminders.daily(TODAY)
        milestone_update(SYSTEM, startup, due_date=TODAY + datetime.timedelta(days=40))
    assert inbox.messages == []
