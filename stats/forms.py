"""The anonymous registration's form and the statistics page's period filter. Plain HTML:
radio buttons and check boxes in fieldsets, a date field; nothing needs JavaScript. There is
no field for a name, an identity number or free text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from stafettlogg.models import AttentionCategory
from stats.age_groups import AgeGroup
from stats.models import Outcome
from stats.periods import PeriodKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")

LEVEL_CHOICES = [
    (0, _("Level 0: clarified in my service")),
    (1, _("Level 1: measures in one service")),
    (2, _("Level 2: cooperation of two services")),
    (3, _("Level 3: comprehensive cooperation")),
]


class RegistrationForm(forms.Form):
    age_group = forms.ChoiceField(
        label=_("The child's age"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the child's age.")},
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("What the concern was about"),
        queryset=AttentionCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
        error_messages={"required": _("Choose at least one area.")},
    )
    outcome = forms.ChoiceField(
        label=_("What level 0 ended in"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what level 0 ended in.")},
    )
    bti_level = forms.TypedChoiceField(
        label=_("Highest BTI level the work reached"),
        choices=LEVEL_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the highest level the work reached.")},
    )
    registered_on = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        help_text=_("When you handled the concern. At most one year back."),
        error_messages={
            "required": _("Write the date."),
            "invalid": _("Write the date as day.month.year, for example 03.02.2026."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Your unit"),
        queryset=Unit.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your unit.")},
    )

    def __init__(
        self,
        *args: Any,
        units: list[Unit],
        categories: list[AttentionCategory],
        today: date | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("registered_on", today or timezone.localdate())
        if units:
            kwargs["initial"].setdefault("unit", units[0].pk)
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        unit_field.choices = [(unit.pk, unit.name) for unit in units]
        category_field: Any = self.fields["categories"]
        category_field.queryset = AttentionCategory.objects.filter(
            pk__in=[category.pk for category in categories]
        )
        category_field.choices = [(category.pk, category.name) for category in categories]
        category_field.required = bool(categories)


class PeriodForm(forms.Form):
    """The statistics page's period: a year, a half-year, a quarter or dates of one's own."""

    kind = forms.ChoiceField(
        label=_("Period"), choices=PeriodKind.choices, widget=forms.RadioSelect, required=False
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
    )
    part = forms.TypedChoiceField(
        label=_("Half-year or quarter"),
        choices=[
            (1, _("1st")),
            (2, _("2nd")),
            (3, _("3rd (quarter)")),
            (4, _("4th (quarter)")),
        ],
        coerce=int,
        required=False,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)
