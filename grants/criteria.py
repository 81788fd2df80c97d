"""The criteria of Bufdir's approval that need judgement (the scheme's main task, seed 004),
next to Modellsjekk's automatic ones. The adviser marks each met or not met and comments."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

JUDGEMENT_CRITERIA: list[tuple[str, Promise]] = [
    (
        "judgement_whole",
        _(
            "The model shows how leadership levels, services and staff work together to "
            "identify and follow up vulnerable children"
        ),
    ),
    (
        "judgement_pregnancy",
        _("The model covers from pregnancy and for as long as follow-up is needed"),
    ),
    (
        "judgement_tools",
        _("The model gives staff and leaders concrete tools for identification and follow-up"),
    ),
    (
        "judgement_participation",
        _("Documentation, evaluation and user participation are described on every level"),
    ),
    (
        "judgement_weaknesses",
        _("Weaknesses and gaps in today's work are identified, with measures to improve them"),
    ),
    (
        "judgement_findable",
        _("The model is easy to find and use on the municipality's website"),
    ),
]
JUDGEMENT_CODES = {code for code, _title in JUDGEMENT_CRITERIA}
