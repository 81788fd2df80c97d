"""The stafettlogg: one shared, consented log for one child.

Every row belongs to a municipality, directly or through its log. Primary keys that can appear
in URLs are random UUIDs, so an ID cannot be guessed. Access rules live in ``access.py``;
writes in ``services.py``; reads in ``selectors.py``.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Unit


class LogSettings(models.Model):
    """What each municipality decides about its logs."""

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="log_settings"
    )
    consent_months = models.PositiveSmallIntegerField(
        _("consent valid for (months)"),
        default=12,
        help_text=_("How long a consent lasts unless another expiry date is given."),
    )
    youth_consent_age = models.PositiveSmallIntegerField(
        _("age from which the youth consents and takes part"), default=15
    )
    evaluation_notice_days = models.PositiveSmallIntegerField(
        _("notice of evaluations (days before)"), default=7
    )
    retention_months = models.PositiveSmallIntegerField(
        _("closed logs are deleted after (months)"),
        default=24,
        help_text=_("The archive copy is kept in the service's own records."),
    )

    class Meta:
        verbose_name = _("log settings")
        verbose_name_plural = _("log settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_months__gte=1, consent_months__lte=36),
                name="log_settings_consent_months_range",
            ),
            models.CheckConstraint(
                condition=models.Q(youth_consent_age__gte=12, youth_consent_age__lte=18),
                name="log_settings_youth_age_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class AttentionCategory(models.Model):
    """Areas of attention a municipality offers (language, well-being, school attendance...)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="attention_categories"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area of attention")
        verbose_name_plural = _("areas of attention")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="attention_category_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LogStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSENTED = "consented", _("consent recorded")
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")


class CloseReason(models.TextChoices):
    GOAL_REACHED = "goal", _("the goal is reached")
    GUARDIANS_ENDED = "guardians", _("the guardians ended the log")
    CONSENT_WITHDRAWN = "withdrawn", _("consent was withdrawn")
    INDIVIDUAL_PLAN = "ip", _("moved on to an individual plan (IP)")
    MOVED = "moved", _("the child moved away")
    OTHER = "other", _("other")


class Log(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="logs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LogStatus.choices, default=LogStatus.DRAFT
    )
    child_name = models.CharField(_("the child's name"), max_length=150)
    child_birth_date = models.DateField(_("date of birth"))
    child_school = models.CharField(_("kindergarten or school"), max_length=150, blank=True)
    child_fnr_encrypted = models.TextField(blank=True)
    child_fnr_hash = models.CharField(max_length=64, blank=True, db_index=True)
    bti_level = models.PositiveSmallIntegerField(_("BTI level"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(
        _("reason for closing"), max_length=10, choices=CloseReason.choices, blank=True
    )
    close_note = models.TextField(_("note on closing"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("stafettlogg")
        verbose_name_plural = _("stafettlogger")
        constraints = [
            models.CheckConstraint(condition=models.Q(bti_level__lte=3), name="log_bti_level_0_3"),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(close_reason=""),
                name="log_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Stafettlogg"))

    @property
    def is_closed(self) -> bool:
        return self.status == LogStatus.CLOSED

    def child_age(self, on: date | None = None) -> int:
        today = on or timezone.localdate()
        born = self.child_birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Guardian(models.Model):
    """A foresatt: a person with parental responsibility (foreldreansvar) for the child.
    Parents without parental responsibility are not registered (see ADR 005)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=150)
    fnr_encrypted = models.TextField()
    fnr_hash = models.CharField(max_length=64, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        constraints = [
            models.UniqueConstraint(fields=["log", "fnr_hash"], name="guardian_unique_per_log")
        ]

    def __str__(self) -> str:
        return self.name


class ParticipantRole(models.TextChoices):
    HOLDER = "holder", _("stafettholder")
    ACTOR = "actor", _("participant")


class Participant(models.Model):
    """A professional taking part in one log, from one unit."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="log_participations"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="participants")
    role = models.CharField(max_length=10, choices=ParticipantRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            # Exactly one stafettholder per log: at most one here, at least one by the services.
            models.UniqueConstraint(
                fields=["log"],
                condition=models.Q(role="holder", removed_at__isnull=True),
                name="participant_one_holder",
            ),
            models.UniqueConstraint(
                fields=["log", "user"],
                condition=models.Q(removed_at__isnull=True),
                name="participant_once_per_log",
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


def private_storage():  # type: ignore[no-untyped-def]
    """Signed consent forms live outside MEDIA_ROOT and are served only through the log."""
    from django.core.files.storage import storages

    return storages["private"]


def consent_form_path(instance: Consent, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"samtykke/{instance.log_id}/{uuid.uuid4().hex}.{extension}"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "form", _("signed form (uploaded)")
    DIGITAL = "digital", _("given digitally by the guardian")


class Consent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="consents")
    given_by_guardians = models.ManyToManyField(
        Guardian, related_name="consents", verbose_name=_("given by guardians")
    )
    given_by_youth = models.BooleanField(_("also given by the youth"), default=False)
    units = models.ManyToManyField(
        Unit, related_name="consents", verbose_name=_("services that may take part")
    )
    given_on = models.DateField(_("date given"))
    expires_on = models.DateField(_("expires"))
    method = models.CharField(_("how it was given"), max_length=10, choices=ConsentMethod.choices)
    signed_form = models.FileField(
        _("signed consent form"),
        upload_to=consent_form_path,
        storage=private_storage,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_(
                    "The expiry date must be after the date the consent was given."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(_("Consent"))

    def is_valid(self, on: date | None = None) -> bool:
        today = on or timezone.localdate()
        return self.withdrawn_at is None and self.given_on <= today <= self.expires_on


class Entry(models.Model):
    """Common fields of everything written in a log."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=200)
    author_role = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class AttentionArea(Entry):
    category = models.ForeignKey(
        AttentionCategory, on_delete=models.PROTECT, verbose_name=_("area")
    )
    description = models.TextField(_("what we see"), blank=True)

    class Meta(Entry.Meta):
        verbose_name = _("area of attention")


class Goal(Entry):
    text = models.TextField(_("goal"))

    class Meta(Entry.Meta):
        verbose_name = _("goal")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class Measure(Entry):
    """A tiltak in the log; may point to the municipality's tiltak catalogue."""

    description = models.TextField(_("measure"))
    responsible = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("responsible"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("service"))
    start_date = models.DateField(_("start date"))
    evaluation_date = models.DateField(_("evaluate by"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    catalogue_tiltak = models.ForeignKey(
        "samhandlingsmodell.ElementPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from the tiltak catalogue"),
    )

    class Meta(Entry.Meta):
        verbose_name = _("measure")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluation_date__gte=models.F("start_date")),
                name="measure_evaluation_after_start",
                violation_error_message=_("The evaluation date cannot be before the start date."),
            )
        ]


class Evaluation(Entry):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("date"))
    text = models.TextField(_("evaluation"))
    continue_measure = models.BooleanField(_("continue the measure"), default=True)

    class Meta(Entry.Meta):
        verbose_name = _("evaluation")


class Meeting(Entry):
    held_on = models.DateField(_("date"))
    attendees = models.TextField(_("participants"), help_text=_("Who took part (names and roles)."))
    notes = models.TextField(_("short notes"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)

    class Meta(Entry.Meta):
        verbose_name = _("meeting")


class Lysglimt(Entry):
    text = models.TextField(pgettext_lazy("lysglimt", "what went well"))

    class Meta(Entry.Meta):
        verbose_name = _("lysglimt")


class ChildVoice(Entry):
    text = models.TextField(_("in the child's own words"))

    class Meta(Entry.Meta):
        verbose_name = _("the child's voice")


class LevelChange(Entry):
    level = models.PositiveSmallIntegerField(_("BTI level"))
    note = models.TextField(_("why"), blank=True)

    class Meta(Entry.Meta):
        verbose_name = _("level change")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__lte=3), name="level_change_0_3")
        ]


class HandOverStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class HandOver(models.Model):
    """A proposal to pass the stafettholder role to another participant."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="handovers")
    from_participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="handovers_given"
    )
    to_participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="handovers_received"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        max_length=10, choices=HandOverStatus.choices, default=HandOverStatus.PENDING
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["log"],
                condition=models.Q(status="pending"),
                name="handover_one_pending",
            )
        ]

    def __str__(self) -> str:
        return str(_("Hand-over"))


class NoticeKind(models.TextChoices):
    MEASURE = "measure", _("measure assigned")
    EVALUATION = "evaluation", _("evaluation due")
    CONSENT = "consent", _("consent expiring")
    HANDOVER = "handover", _("hand-over waiting")
    MEETING = "meeting", _("meeting set")


class Notice(models.Model):
    """An e-mail notice, recorded once per (kind, what it is about, recipient)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    log = models.ForeignKey(Log, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    subject_key = models.CharField(max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "email"], name="notice_once_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


def archive_path(instance: LogArchive, filename: str) -> str:
    return f"arkiv/{instance.log_id}/{filename}"


class LogArchive(models.Model):
    """The archive copy (PDF/A) of a closed log and its checksum."""

    log = models.OneToOneField(Log, on_delete=models.CASCADE, related_name="archive")
    file = models.FileField(upload_to=archive_path, storage=private_storage)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256
