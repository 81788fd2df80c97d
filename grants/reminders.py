"""Reminders of the grant project's milestones: an e-mail a milestone's ``reminder_days``
before it is due, and one when it is overdue, to the milestone's reminder address and the
municipality's project leaders. Each is recorded once per (milestone, due date, address, kind)
in ``MilestoneReminder``, so the daily run (``send_grant_reminders``, from cron) never sends one
twice; moving the due date opens new reminders. A message names the municipality, the
milestone's title and due date and links to the project page: no names of people."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from grants.models import Milestone, MilestoneReminder, MilestoneStatus, ReminderKind
from grants.review_notices import _link, _project_leaders


def _recipients(milestone: Milestone) -> list[str]:
    addresses = {milestone.owner_email.lower()} if milestone.owner_email else set()
    addresses.update(email.lower() for email in _project_leaders(milestone.project.municipality_id))
    return sorted(addresses)


def _kind(milestone: Milestone, today: datetime.date) -> str | None:
    """Which reminder is due today: ``overdue`` after the due date, ``due`` from
    ``reminder_days`` before it (none when ``reminder_days`` is 0)."""
    if milestone.due_date < today:
        return ReminderKind.OVERDUE
    days_left = (milestone.due_date - today).days
    if milestone.reminder_days and days_left <= milestone.reminder_days:
        return ReminderKind.DUE
    return None


def daily(today: datetime.date | None = None) -> int:
    """Record today's reminders (once each) and send them after commit. Returns the number
    of new reminders."""
    today = today or timezone.localdate()
    milestones = (
        Milestone.objects.exclude(status=MilestoneStatus.DONE)
        .filter(due_date__lte=today + datetime.timedelta(days=365))
        .select_related("project")
        .order_by("due_date", "pk")
    )
    created = []
    for milestone in milestones.iterator():
        kind = _kind(milestone, today)
        if kind is None:
            continue
        for email in _recipients(milestone):
            try:
                with transaction.atomic():
                    reminder = MilestoneReminder.objects.create(
                        milestone=milestone, due_date=milestone.due_date, email=email, kind=kind
                    )
            except IntegrityError:
                continue  # reminded already
            created.append(reminder.pk)
    for pk in created:
        transaction.on_commit(partial(_enqueue, pk))
    return len(created)


def _enqueue(reminder_id: int) -> None:
    send_milestone_reminder.enqueue(reminder_id)


def deliver(reminder_id: int) -> bool:
    """Send one reminder unless it has been sent, or the milestone is done or has moved since.
    True when a message went out."""
    reminder = (
        MilestoneReminder.objects.select_related("milestone__project__municipality__site")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or reminder.sent_at is not None:
        return False
    milestone = reminder.milestone
    if milestone.status == MilestoneStatus.DONE or milestone.due_date != reminder.due_date:
        return False
    municipality = milestone.project.municipality
    link = _link(municipality.site.hostname, f"/admin/tilskudd/{municipality.number}/")
    names = {
        "title": milestone.title,
        "date": milestone.due_date.strftime("%d.%m.%Y"),
        "municipality": municipality.name,
    }
    with translation.override(municipality.language):
        if reminder.kind == ReminderKind.OVERDUE:
            subject = _("Overdue: “%(title)s” was due %(date)s") % names
            lead = _(
                "The milestone “%(title)s” in the grant project of %(municipality)s was due "
                "%(date)s and is not marked as done."
            )
        else:
            subject = _("Reminder: “%(title)s” is due %(date)s") % names
            lead = _(
                "The milestone “%(title)s” in the grant project of %(municipality)s is due "
                "%(date)s."
            )
        body = "\n\n".join(
            [
                lead % names,
                _("See the project and mark the milestone as done here (log in first):")
                + f" {link}",
                _("You get this message as the project leader or as the milestone's contact."),
                _("This message is sent automatically. Do not reply to it."),
            ]
        )
    send_mail(f"{subject} – {municipality.name}", body, None, [reminder.email])
    MilestoneReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return True


@task()
def send_milestone_reminder(reminder_id: int) -> bool:
    """Background task: send one reminder (queued after the run that made it commits)."""
    return deliver(reminder_id)


@task()
def send_grant_reminders() -> int:
    """Background task: today's reminders of every project's milestones."""
    return daily()
