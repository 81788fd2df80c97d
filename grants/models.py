"""The grant project (tilskuddsprosjekt): a municipality's two years in Bufdir's grant scheme,
from the grant decision to the final report, and Bufdir's approval of its model.

Every row belongs to one municipality through its ``GrantProject`` (one per municipality).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The scheme's rules (seed 004): up to NOK 500,000 per term, two years from the decision, the
# model finished at the latest one year after it.
MAX_AMOUNT_PER_TERM = 500_000
PROJECT_YEARS = 2


class GrantProject(models.Model):
    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="grant_project"
    )
    decision_date = models.DateField(_("date of the grant decision"))
    amount_development = models.PositiveIntegerField(
        _("grant for developing the model (NOK)"),
        validators=[MaxValueValidator(MAX_AMOUNT_PER_TERM)],
    )
    amount_implementation = models.PositiveIntegerField(
        _("grant for implementation and training (NOK)"),
        validators=[MaxValueValidator(MAX_AMOUNT_PER_TERM)],
    )
    mandate = models.TextField(_("mandate"), blank=True)
    mandate_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mandate as a document"),
    )
    mandate_adopted = models.CharField(
        _("where the mandate was adopted"),
        max_length=200,
        blank=True,
        help_text=_("For example: the municipal council, case 23/45."),
    )
    project_owner = models.CharField(_("project owner"), max_length=200, blank=True)
    project_leader = models.CharField(_("project leader"), max_length=200, blank=True)
    bufdir_contact = models.CharField(_("primary contact at Bufdir"), max_length=200, blank=True)
    project_plan = models.TextField(
        _("project plan"),
        blank=True,
        help_text=_("Goals, organisation, activities and how the work is anchored."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("grant project")
        verbose_name_plural = _("grant projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_development__lte=MAX_AMOUNT_PER_TERM)
                & models.Q(amount_implementation__lte=MAX_AMOUNT_PER_TERM),
                name="grant_amount_per_term_max",
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def end_date(self) -> datetime.date:
        """Two years from the decision date (29 February becomes 28 February)."""
        day = self.decision_date
        try:
            return day.replace(year=day.year + PROJECT_YEARS)
        except ValueError:
            return day.replace(year=day.year + PROJECT_YEARS, day=28)

    @property
    def amount_total(self) -> int:
        return self.amount_development + self.amount_implementation


class GroupKind(models.TextChoices):
    PROJECT_GROUP = "project", _("project group")
    STEERING_GROUP = "steering", _("steering group")
    REFERENCE_GROUP = "reference", _("reference group (user participation)")


class ProjectMember(models.Model):
    """A member of the project group, the steering group or the reference group (for
    brukermedvirkning: ungdomsråd, parents, user organisations)."""

    project = models.ForeignKey(GrantProject, on_delete=models.CASCADE, related_name="members")
    group = models.CharField(_("group"), max_length=10, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(
        _("represents"),
        max_length=200,
        blank=True,
        help_text=_("Service, unit, council or organisation."),
    )

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")

    def __str__(self) -> str:
        return self.name


class MilestoneKind(models.TextChoices):
    """The milestones the scheme's rules give every project; ``other`` are the municipality's
    own."""

    STARTUP_MEETING = "startup", _("Start-up meeting with KORUS and Bufdir")
    MODEL_SUBMITTED = "submitted", _("Model finished and sent to Bufdir")
    BUFDIR_APPROVAL = "approval", _("Bufdir's approval of the model")
    IMPLEMENTATION = "implementation", _("Implementation and training")
    HANDOVER = "handover", _("Hand-over to ordinary operation")
    FINAL_REPORT = "final_report", _("Final report to Bufdir")
    OTHER = "other", _("Other milestone")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Milestone(models.Model):
    project = models.ForeignKey(GrantProject, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    owner_email = models.EmailField(
        _("e-mail for reminders"),
        blank=True,
        help_text=_("A reminder is sent here before the milestone is due."),
    )
    reminder_days = models.PositiveSmallIntegerField(_("remind this many days before"), default=14)
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [models.Index(fields=["status", "due_date"], name="milestone_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_on__isnull=False),
                name="milestone_done_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status != MilestoneStatus.DONE and self.due_date < today


class ReminderKind(models.TextChoices):
    DUE = "due", _("due soon")
    OVERDUE = "overdue", _("overdue")


class MilestoneReminder(models.Model):
    """A reminder e-mail about a milestone, recorded once per (milestone, due date, address,
    kind: due soon or overdue) so that the daily run never sends one twice."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    due_date = models.DateField()
    email = models.EmailField()
    kind = models.CharField(max_length=8, choices=ReminderKind.choices, default=ReminderKind.DUE)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "due_date", "email", "kind"], name="milestone_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} {self.due_date}"


class TrainingTopic(models.TextChoices):
    MODEL = "model", _("the collaboration model")
    GUIDE = "guide", _("the handlingsveileder")
    BOTH = "both", _("the model and the handlingsveileder")


class TrainingRecord(models.Model):
    """Training given to one unit: when, in what, and how many of its staff took part."""

    project = models.ForeignKey(GrantProject, on_delete=models.CASCADE, related_name="trainings")
    unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(
        _("topic"), max_length=8, choices=TrainingTopic.choices, default=TrainingTopic.BOTH
    )
    roles = models.CharField(
        _("roles trained"),
        max_length=200,
        blank=True,
        help_text=_("For example: teachers, health nurses, leaders."),
    )
    trained = models.PositiveIntegerField(_("staff trained"))
    staff_total = models.PositiveIntegerField(_("staff in the unit"))

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trained__lte=models.F("staff_total")),
                name="training_trained_at_most_staff",
            ),
            models.CheckConstraint(
                condition=models.Q(staff_total__gt=0), name="training_staff_total_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.held_on}"


class WeaknessStatus(models.TextChoices):
    OPEN = "open", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Weakness(models.Model):
    """A weakness or gap in the municipality's work ("svakheter og mangler") and the
    improvement measure that answers it, optionally linked to the model element it changes."""

    project = models.ForeignKey(GrantProject, on_delete=models.CASCADE, related_name="weaknesses")
    description = models.TextField(_("weakness or gap"))
    measure = models.TextField(_("improvement measure"))
    owner = models.CharField(_("responsible"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=WeaknessStatus.choices, default=WeaknessStatus.OPEN
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    element = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("model element it changes"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "pk"]
        verbose_name = _("weakness and measure")
        verbose_name_plural = _("weaknesses and measures")

    def __str__(self) -> str:
        return self.description[:60]


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("sent to Bufdir")
    CHANGES_REQUESTED = "changes", _("changes requested")
    APPROVED = "approved", _("approved by Bufdir")


class Submission(models.Model):
    """One round of Bufdir's approval: the model as it was published when the coordinator sent
    it, frozen in ``SubmittedPage`` rows, the reviewer's comments and the decision."""

    project = models.ForeignKey(GrantProject, on_delete=models.CASCADE, related_name="submissions")
    round = models.PositiveSmallIntegerField(_("round"))
    submitted_at = models.DateTimeField(_("sent"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message to Bufdir"), blank=True)
    # Modellsjekk at the time of submission: [{"code", "title", "passed", "problems": [..]}]
    modellsjekk = models.JSONField(default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["project", "-round"]
        verbose_name = _("submission to Bufdir")
        verbose_name_plural = _("submissions to Bufdir")
        indexes = [models.Index(fields=["status", "decided_at"], name="submission_status")]
        constraints = [
            models.UniqueConstraint(fields=["project", "round"], name="submission_round_unique"),
            # At most one round waits for Bufdir at a time.
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="submitted"),
                name="submission_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(status="submitted") | models.Q(decided_at__isnull=False),
                name="submission_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.round}"


class SubmittedPage(models.Model):
    """One page of the model or the guide as it was published when the model was sent: its
    live revision and its content rendered then, so that the reviewer reads it as it was."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="pages")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField()
    depth = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    url_path = models.CharField(max_length=500)
    page_type = models.CharField(max_length=100)
    html = models.TextField()
    published_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "position"], name="submitted_page_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Verdict(models.TextChoices):
    UNASSESSED = "", _("not assessed")
    MET = "met", _("met")
    NOT_MET = "not_met", _("not met")


class CriterionReview(models.Model):
    """The reviewer's assessment of one criterion (a Modellsjekk criterion or one that needs
    judgement) in one round."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    criterion = models.CharField(max_length=60)
    verdict = models.CharField(max_length=8, choices=Verdict.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="criterion_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.verdict}"


class ReviewComment(models.Model):
    """A comment of the reviewer on one criterion or one page of a submission (or on the whole
    model when neither is given), and the municipality's answer to it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    criterion = models.CharField(max_length=60, blank=True)
    page = models.ForeignKey(
        SubmittedPage, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return self.text[:60]
