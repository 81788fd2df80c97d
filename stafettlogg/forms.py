"""Forms of the stafettlogg. Labels and messages are Norwegian through gettext; every text is
plain text (escaped on output, never rendered as HTML)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.identity import clean_fnr
from accounts.models import StaffMembership, StaffRole, Unit
from stafettlogg.entry_kinds import EntryKind
from stafettlogg.models import (
    AttentionCategory,
    CloseReason,
    Consent,
    Evaluation,
    Guardian,
    Measure,
    MeasureStatus,
    Participant,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")
TEXT_MAX = 5000


class FnrField(forms.CharField):
    """An 11-digit fødselsnummer; never echoed back into the form on error."""

    widget = forms.PasswordInput(
        render_value=False, attrs={"inputmode": "numeric", "autocomplete": "off"}
    )

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        return clean_fnr(value)


class StyledMixin:
    """Designsystemet classes and aria on every widget."""

    @property
    def field_map(self) -> Any:
        """The form's fields, loosely typed (choice fields get querysets and labels)."""
        return self.fields  # type: ignore[attr-defined]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "ds-input")
                continue
            widget.attrs.setdefault("class", "ds-input")
            if isinstance(field, forms.CharField) and isinstance(widget, forms.Textarea):
                field.max_length = field.max_length or TEXT_MAX
                widget.attrs.setdefault("rows", 4)


class LogCreateForm(StyledMixin, forms.Form):
    child_name = forms.CharField(label=_("The child's name"), max_length=150)
    child_birth_date = forms.DateField(label=_("Date of birth"), widget=DATE_WIDGET)
    child_school = forms.CharField(
        label=_("Kindergarten or school"), max_length=150, required=False
    )
    child_fnr = FnrField(
        label=_("The child's national identity number (optional)"),
        required=False,
        help_text=_(
            "Only needed when the youth will log in to read the log (from the consent age)."
        ),
    )

    unit = forms.ModelChoiceField(
        label=_("Your unit in this log"),
        queryset=StaffMembership.objects.none(),
        help_text=_("You are the stafettholder on behalf of this unit."),
    )

    def __init__(self, *args: Any, memberships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(memberships) == 1:
            del self.fields["unit"]
        else:
            self.field_map["unit"].queryset = StaffMembership.objects.filter(
                pk__in=[m.pk for m in memberships]
            ).select_related("unit")
            self.field_map["unit"].label_from_instance = lambda m: m.unit.name

    def clean_child_birth_date(self) -> Any:
        value = self.cleaned_data["child_birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class GuardianForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    fnr = FnrField(
        label=_("National identity number"),
        help_text=_("11 digits. Used only to let the guardian log in; never shown in full."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    has_parental_responsibility = forms.BooleanField(
        label=_("The person has parental responsibility for the child"),
        help_text=_(
            "Only guardians with parental responsibility are registered. A parent without it "
            "gets information through the guardians."
        ),
    )


class ConsentForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "given_by_guardians",
            "given_by_youth",
            "units",
            "given_on",
            "expires_on",
            "signed_form",
        ]
        widgets = {
            "given_by_guardians": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "given_on": DATE_WIDGET,
            "expires_on": DATE_WIDGET,
        }
        help_texts = {
            "expires_on": _("Leave empty for the municipality's standard period."),
            "signed_form": _("PDF, DOCX or ODT, at most 20 MB."),
        }

    def __init__(self, *args: Any, log: Any, digital: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_map["given_by_guardians"].queryset = Guardian.objects.filter(log=log)
        self.field_map["given_by_guardians"].required = False
        self.field_map["units"].queryset = Unit.objects.filter(municipality=log.municipality)
        self.field_map["expires_on"].required = False
        if digital:
            del self.field_map["signed_form"]
            del self.field_map["given_by_guardians"]
            del self.field_map["given_by_youth"]
            self.field_map["given_on"].initial = timezone.localdate()
        else:
            self.field_map["signed_form"].required = True

    def _post_clean(self) -> None:
        # The service validates the whole consent; the model instance is not used.
        pass


class EntryForm(StyledMixin, forms.ModelForm):
    pass


def entry_form_class(kind: EntryKind, log: Any) -> type[forms.ModelForm]:
    """The form of a kind of entry that has one (``kind.form``): it asks for the kind's
    fields."""
    base = forms.modelform_factory(
        kind.model,
        form=EntryForm,
        fields=list(kind.fields),
        widgets={
            "held_on": DATE_WIDGET,
            "level": forms.Select(choices=[(n, str(n)) for n in range(4)]),
        },
    )

    class Form(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if "category" in self.fields:
                self.field_map["category"].queryset = AttentionCategory.objects.filter(
                    municipality=log.municipality
                )

    return Form


class MeasureForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "description",
            "responsible",
            "unit",
            "start_date",
            "evaluation_date",
            "catalogue_tiltak",
        ]
        widgets = {"start_date": DATE_WIDGET, "evaluation_date": DATE_WIDGET}

    def __init__(self, *args: Any, log: Any, tiltak: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_map["responsible"].queryset = Participant.objects.filter(
            log=log, removed_at__isnull=True
        ).select_related("user", "unit")
        self.field_map["responsible"].label_from_instance = lambda p: f"{p} ({p.unit.name})"
        self.field_map["unit"].queryset = Unit.objects.filter(
            municipality=log.municipality, participants__log=log
        ).distinct()
        self.field_map["catalogue_tiltak"].queryset = tiltak
        self.field_map["catalogue_tiltak"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, evaluate = data.get("start_date"), data.get("evaluation_date")
        if start and evaluate and evaluate < start:
            self.add_error(
                "evaluation_date", _("The evaluation date cannot be before the start date.")
            )
        return data


class MeasureStatusForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)


@cache
def _measure_status_options(language: str | None) -> dict[str, SafeString]:
    # ``language`` is the active one, here only as the key of the cache.
    return {
        current: format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if value == current else "", capfirst(label))
                for value, label in MeasureStatus.choices
            ),
        )
        for current in MeasureStatus.values
    }


def measure_status_options() -> dict[str, SafeString]:
    """The ``<option>``s of the status field the log page shows on each active measure, for
    each status that can be the selected one, in the active language: the same on every
    page, so made once per language and process."""
    return _measure_status_options(get_language())


class EvaluationForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["evaluated_on", "text", "continue_measure"]
        widgets = {"evaluated_on": DATE_WIDGET}


class ParticipantForm(StyledMixin, forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Professional"), queryset=StaffMembership.objects.none()
    )

    def __init__(self, *args: Any, memberships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_map["membership"].queryset = memberships
        self.field_map["membership"].label_from_instance = lambda m: (
            f"{m.user.get_full_name() or m.user.username} ({m.unit.name})"
        )


class HandOverForm(StyledMixin, forms.Form):
    to_participant = forms.ModelChoiceField(
        label=_("New stafettholder"), queryset=Participant.objects.none()
    )
    message = forms.CharField(label=_("Message (optional)"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_map["to_participant"].queryset = candidates
        self.field_map["to_participant"].label_from_instance = lambda p: f"{p} ({p.unit.name})"


class CloseForm(StyledMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the log closed?"),
        choices=[c for c in CloseReason.choices if c[0] != CloseReason.CONSENT_WITHDRAWN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), widget=forms.Textarea, required=False)
    confirm = forms.BooleanField(
        label=_("I understand that a closed log can only be read, not changed.")
    )


class FamilyCloseForm(StyledMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I want to end the log. It can then only be read, not changed.")
    )


class WithdrawForm(StyledMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I withdraw the consent. The professionals lose access at once and the log is closed."
        )
    )


class ConfirmForm(StyledMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I am sure"))


class UnitForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name of the unit"), max_length=150)


class StaffForm(StyledMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    username = forms.SlugField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters. Give it to the person in a safe way; two-factor "
            "login is set up at the first login."
        ),
    )

    def __init__(self, *args: Any, roles: list[str], units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_map["role"].choices = [c for c in StaffRole.choices if c[0] in roles]
        self.field_map["unit"].queryset = units


class LogSettingsForm(StyledMixin, forms.Form):
    consent_months = forms.IntegerField(
        label=_("Consent valid for (months)"), min_value=1, max_value=36
    )
    youth_consent_age = forms.IntegerField(
        label=_("Age from which the youth consents and takes part"), min_value=12, max_value=18
    )
    evaluation_notice_days = forms.IntegerField(
        label=_("E-mail about evaluations (days before)"), min_value=1, max_value=60
    )
    retention_months = forms.IntegerField(
        label=_("Closed logs are deleted after (months)"),
        min_value=1,
        max_value=120,
        help_text=_("The archive copy is kept in the service's own records."),
    )


class CategoryForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("New area of attention"), max_length=100)
