"""Forms of Bufdir's review (the project's own forms are next to them as they come)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import Verdict


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
        max_length=4000,
        error_messages={"required": _("Write a comment.")},
    )
    criterion = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)
    position = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve the model")),
            ("changes", _("Ask the municipality for changes")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or ask for changes.")},
    )
    note = forms.CharField(
        label=_("Note to the municipality"),
        help_text=_("Required when you ask for changes and have written no comments."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}),
        max_length=4000,
    )


def verdict_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Verdict.choices]
