"""Forms of the grant project in the admin: the grant decision, the project's details and
groups, milestones, the training register and the weaknesses. They parse and explain; the
services (grants/services/) decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.models import Unit
from grants.models import (
    MAX_AMOUNT_PER_TERM,
    GrantProject,
    Milestone,
    ProjectMember,
    TrainingRecord,
    Weakness,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MANDATE_EXTENSIONS = ("pdf", "docx", "odt", "doc")


def _field(model: type[Model], name: str, **kwargs: Any) -> forms.Field:
    """The form field of a model field: its label, help text, length and choices."""
    field = model._meta.get_field(name).formfield(**kwargs)  # type: ignore[union-attr]
    assert field is not None
    return field


def _date(model: type[Model], name: str, **kwargs: Any) -> forms.Field:
    return _field(
        model,
        name,
        widget=DATE_INPUT,
        error_messages={"invalid": _("Enter a date, for example 15.03.2026.")},
        **kwargs,
    )


def _amount(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_AMOUNT_PER_TERM,
        help_text=_("In whole kroner, at most 500 000."),
        error_messages={
            "required": _("Enter the amount granted for this term (0 if none)."),
            "invalid": _("Enter the amount in whole kroner, digits only."),
            "max_value": _("The grant per term is at most NOK 500 000."),
            "min_value": _("The amount cannot be negative."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class RegisterForm(forms.Form):
    decision_date = _date(
        GrantProject,
        "decision_date",
        help_text=_(
            "The date of Bufdir's letter granting the money. The milestones follow from it."
        ),
    )
    amount_development = _amount(_("Grant for developing the model, first term (NOK)"))
    amount_implementation = _amount(_("Grant for implementation and training, second term (NOK)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].error_messages["required"] = _(
            "Enter the date of the grant decision."
        )

    def clean_decision_date(self) -> Any:
        day = self.cleaned_data["decision_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The date of the grant decision cannot be in the future.")
            )
        if day.year < 2000:
            raise forms.ValidationError(_("Enter the real date of the grant decision."))
        return day


class ProjectForm(forms.Form):
    amount_development = _amount(_("Grant for developing the model, first term (NOK)"))
    amount_implementation = _amount(_("Grant for implementation and training, second term (NOK)"))
    project_owner = _field(
        GrantProject,
        "project_owner",
        help_text=_("Who owns the project, for example the municipal director."),
    )
    project_leader = _field(GrantProject, "project_leader")
    bufdir_contact = _field(GrantProject, "bufdir_contact")
    mandate = _field(GrantProject, "mandate", widget=forms.Textarea(attrs={"rows": 5}))
    mandate_file = forms.FileField(
        label=_("Upload the mandate as a document"),
        required=False,
        help_text=_(
            "PDF, Word or OpenDocument. It is kept among the municipality's documents and "
            "replaces the mandate's document."
        ),
    )
    mandate_adopted = _field(GrantProject, "mandate_adopted")
    project_plan = _field(GrantProject, "project_plan", widget=forms.Textarea(attrs={"rows": 8}))

    def clean_mandate_file(self) -> Any:
        upload = self.cleaned_data.get("mandate_file")
        if upload and upload.name.rsplit(".", 1)[-1].lower() not in MANDATE_EXTENSIONS:
            raise forms.ValidationError(_("Upload the mandate as PDF, Word or OpenDocument."))
        return upload


class MemberForm(forms.Form):
    group = _field(ProjectMember, "group")
    name = _field(ProjectMember, "name")
    represents = _field(
        ProjectMember,
        "represents",
        help_text=_(
            "Service, unit, council or organisation, for example the youth council, parents "
            "or a user organisation."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _(
            "Enter the name of the member or the body."
        )
        self.fields["group"].error_messages["required"] = _("Choose the group.")


class MilestoneForm(forms.Form):
    title = _field(Milestone, "title")
    due_date = _date(Milestone, "due_date")
    owner = _field(Milestone, "owner")
    owner_email = _field(Milestone, "owner_email")
    reminder_days = forms.IntegerField(
        label=_("Remind this many days before"),
        min_value=0,
        max_value=365,
        initial=14,
        error_messages={
            "required": _("Enter how many days before the due date to remind (0 for none)."),
            "invalid": _("Enter a whole number of days."),
            "max_value": _("Remind at most 365 days before."),
            "min_value": _("The number of days cannot be negative."),
        },
    )
    status = _field(Milestone, "status")
    completed_on = _date(
        Milestone, "completed_on", help_text=_("Left empty when done: today is recorded.")
    )
    note = _field(Milestone, "note", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, adding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Give the milestone a title.")
        self.fields["due_date"].error_messages["required"] = _("Enter the due date.")
        self.fields["owner_email"].error_messages["invalid"] = _(
            "Enter an e-mail address, for example name@kommune.no."
        )
        if adding:
            del self.fields["status"]
            del self.fields["completed_on"]


class TrainingForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
        error_messages={
            "required": _("Choose the unit that was trained."),
            "invalid_choice": _("Choose one of the municipality's units."),
        },
    )
    topic = _field(TrainingRecord, "topic")
    roles = _field(TrainingRecord, "roles")
    held_on = _date(TrainingRecord, "held_on")
    trained = forms.IntegerField(
        label=_("Staff trained"),
        min_value=0,
        error_messages={
            "required": _("Enter how many of the staff took part."),
            "invalid": _("Enter a whole number."),
            "min_value": _("The number cannot be negative."),
        },
    )
    staff_total = forms.IntegerField(
        label=_("Staff in the unit"),
        min_value=1,
        error_messages={
            "required": _("Enter how many staff the unit has."),
            "invalid": _("Enter a whole number."),
            "min_value": _("A unit has at least one member of staff."),
        },
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["held_on"].error_messages["required"] = _("Enter the date of the training.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        trained, total = data.get("trained"), data.get("staff_total")
        if trained is not None and total is not None and trained > total:
            self.add_error(
                "trained",
                _(
                    "The number of staff trained cannot be larger than the number of staff in "
                    "the unit (%(total)s)."
                )
                % {"total": total},
            )
        return data


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Page) -> str:  # type: ignore[override]
        return "– " * max(obj.depth - self.root_depth, 0) + obj.title

    root_depth = 0


class WeaknessForm(forms.Form):
    description = _field(Weakness, "description", widget=forms.Textarea(attrs={"rows": 3}))
    measure = _field(Weakness, "measure", widget=forms.Textarea(attrs={"rows": 3}))
    owner = _field(Weakness, "owner")
    status = _field(Weakness, "status")
    due_date = _date(Weakness, "due_date")
    element = PageChoiceField(
        label=_("Model element it changes"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("No particular element"),
        error_messages={"invalid_choice": _("Choose a page of the municipality's model.")},
    )

    def __init__(self, *args: Any, pages: QuerySet[Page], root_depth: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        element = self.fields["element"]
        assert isinstance(element, PageChoiceField)
        element.queryset = pages
        element.root_depth = root_depth
        self.fields["description"].error_messages["required"] = _("Describe the weakness or gap.")
        self.fields["measure"].error_messages["required"] = _(
            "Describe the measure that answers it."
        )
