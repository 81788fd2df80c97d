"""E-mails about Bufdir's rounds: the advisers hear that a municipality has sent its model, the
municipality's project leaders that Bufdir has decided. A message names the municipality and
the round and links to where to read it; never a comment's text. Sent by a background task
after the write has been committed."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Site

from accounts.models import NationalRoleKind, StaffRole
from grants.models import Submission, SubmissionStatus

SUBMITTED = "submitted"
DECIDED = "decided"


def queue(submission: Submission, event: str) -> None:
    """Send the notice of ``event`` once the current transaction has been committed."""
    transaction.on_commit(partial(_enqueue, submission.pk, event))


def _enqueue(submission_id: int, event: str) -> None:
    send_review_notice.enqueue(submission_id, event)


def _link(host: str, path: str) -> str:
    return f"{settings.SAMHANDLING_LINK_SCHEME}://{host}{settings.SAMHANDLING_LINK_PORT}{path}"


def _advisers(region: str) -> list[str]:
    users = User.objects.filter(
        Q(national_roles__role=NationalRoleKind.BUFDIR_ADVISER)
        | Q(national_roles__role=NationalRoleKind.KORUS_ADVISER, national_roles__region=region),
        is_active=True,
    ).exclude(email="")
    return sorted({user.email for user in users})


def _project_leaders(municipality_id: int) -> list[str]:
    users = User.objects.filter(
        log_memberships__municipality_id=municipality_id,
        log_memberships__role=StaffRole.PROJECT_LEADER,
        is_active=True,
    ).exclude(email="")
    return sorted({user.email for user in users})


def deliver(submission_id: int, event: str) -> int:
    """Send the notice; returns the number of messages sent."""
    submission = (
        Submission.objects.select_related("project__municipality__site")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    municipality = submission.project.municipality
    names = {"municipality": municipality.name, "round": submission.round}
    if event == SUBMITTED:
        recipients = _advisers(municipality.korus_region)
        national = Site.objects.filter(is_default_site=True).first()
        host = national.hostname if national else "localhost"
        link = _link(host, f"/tilskudd/{municipality.number}/runder/{submission.round}/")
        language = settings.LANGUAGE_CODE
    else:
        recipients = _project_leaders(municipality.pk)
        link = _link(
            municipality.site.hostname,
            f"/admin/tilskudd/{municipality.number}/bufdir/{submission.round}/",
        )
        language = municipality.language
    if not recipients:
        return 0
    with translation.override(language):
        if event == SUBMITTED:
            subject = _("%(municipality)s has sent its model to Bufdir (round %(round)s)") % names
        elif submission.status == SubmissionStatus.APPROVED:
            subject = _("Bufdir has approved the model of %(municipality)s") % names
        else:
            subject = _("Bufdir asks %(municipality)s for changes to the model") % names
        body = "\n\n".join(
            [
                subject + ".",
                _("Read it here (log in first):") + f" {link}",
                _("This message is sent automatically. Do not reply to it."),
            ]
        )
    for address in recipients:
        send_mail(subject, body, None, [address])
    return len(recipients)


@task()
def send_review_notice(submission_id: int, event: str) -> int:
    """Background task: the e-mails about one round."""
    return deliver(submission_id, event)
