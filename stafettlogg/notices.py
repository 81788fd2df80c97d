"""E-mail notices of the stafettlogg. A notice says only that something waits in the log, with
a link to log in: no names, no details, never a fødselsnummer. Each notice is recorded once
per (kind, subject, recipient), so running the daily task twice sends nothing twice. Sending
happens in a background task after the write has been committed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from stafettlogg.models import Consent, Log, LogStatus, Measure, MeasureStatus, Notice, NoticeKind

SUBJECTS = {
    NoticeKind.MEASURE: gettext_lazy("A measure in the stafettlogg is yours"),
    NoticeKind.EVALUATION: gettext_lazy("A measure is to be evaluated soon"),
    NoticeKind.CONSENT: gettext_lazy("A consent in the stafettlogg expires soon"),
    NoticeKind.HANDOVER: gettext_lazy("The stafettholder role waits for your answer"),
    NoticeKind.MEETING: gettext_lazy("A meeting is set in the stafettlogg"),
}
CONSENT_NOTICE_DAYS = 30


def notify(
    log: Log, kind: str, subject_key: str, *, users: Iterable[Any] = (), emails: Iterable[str] = ()
) -> list[Notice]:
    """Record one notice per recipient (once only) and send it after commit."""
    recipients: dict[str, Any] = {}
    for user in users:
        if user is not None and user.email:
            recipients.setdefault(user.email.lower(), user)
    for email in emails:
        if email:
            recipients.setdefault(email.lower(), None)
    created = []
    for email, user in recipients.items():
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    municipality_id=log.municipality_id,
                    log=log,
                    kind=kind,
                    subject_key=subject_key,
                    recipient=user,
                    email=email,
                )
        except IntegrityError:
            continue  # already noticed
        created.append(notice)
    for notice in created:
        transaction.on_commit(partial(_enqueue_send, str(notice.pk)))
    return created


def _enqueue_send(notice_id: str) -> None:
    send_notice.enqueue(notice_id)


def deliver(notice_id: str) -> bool:
    """Send one notice unless it has been sent already. True when a message went out."""
    notice = Notice.objects.select_related("municipality__site").filter(pk=notice_id).first()
    if notice is None or notice.sent_at is not None:
        return False
    municipality = notice.municipality
    link = f"{settings.SAMHANDLING_LINK_SCHEME}://{municipality.site.hostname}"
    link += f"{settings.SAMHANDLING_LINK_PORT}/stafettlogg/"
    with translation.override(municipality.language):
        subject = str(SUBJECTS[NoticeKind(notice.kind)])
        body = "\n\n".join(
            [
                _("Something waits for you in the stafettlogg of %(municipality)s.")
                % {"municipality": municipality.name},
                str(subject) + ".",
                _("Log in to see it:") + f" {link}",
                _("This message is sent automatically. Do not reply to it."),
            ]
        )
    send_mail(f"{subject} – {municipality.name}", body, None, [notice.email])
    Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return True


def daily() -> int:
    """Evaluations due within each municipality's notice period and consents expiring within
    30 days, in open logs. Returns the number of new notices."""
    today = timezone.localdate()
    count = 0
    measures = Measure.objects.filter(
        log__status=LogStatus.ACTIVE,
        status__in=[MeasureStatus.PLANNED, MeasureStatus.ONGOING],
        evaluation_date__gte=today,
    ).select_related("log__municipality__log_settings", "responsible__user")
    for measure in measures.iterator():
        log_settings = getattr(measure.log.municipality, "log_settings", None)
        days = log_settings.evaluation_notice_days if log_settings else 7
        if measure.evaluation_date <= today + timedelta(days=days):
            count += len(
                notify(
                    measure.log,
                    NoticeKind.EVALUATION,
                    f"{measure.pk}:{measure.evaluation_date.isoformat()}",
                    users=[measure.responsible.user],
                )
            )
    consents = (
        Consent.objects.filter(
            withdrawn_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=CONSENT_NOTICE_DAYS),
        )
        .exclude(log__status=LogStatus.CLOSED)
        .select_related("log")
    )
    for consent in consents.iterator():
        newest = consent.log.consents.order_by("-recorded_at").first()
        if newest is None or newest.pk != consent.pk:
            continue  # replaced by a newer consent
        holders = [
            p.user
            for p in consent.log.participants.filter(
                role="holder", removed_at__isnull=True
            ).select_related("user")
        ]
        emails = [g.email for g in consent.log.guardians.all()]
        count += len(
            notify(consent.log, NoticeKind.CONSENT, str(consent.pk), users=holders, emails=emails)
        )
    return count


@task()
def send_notice(notice_id: str) -> bool:
    """Background task: send one notice (queued after the write that made it commits)."""
    return deliver(notice_id)


@task()
def daily_notices() -> int:
    """Background task: notices of evaluations due and consents expiring."""
    return daily()
