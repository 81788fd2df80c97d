"""The child's age groups in the statistics: fixed bands, listed once.

Seed 002 and the grant scheme name no bands; the scheme covers "from pregnancy for as long as
follow-up is needed (often 0–18 or 0–23 years)". The bands below nest in the target groups of
the published model (``samhandlingsmodell``: gravide, 0–5, 6–12, 13–18, 18–23), so a table by
target group can be added up from them, and are fine enough to follow the child through
kindergarten (0–2, 3–5), primary school (6–9, 10–12), lower and upper secondary school
(13–15, 16–18) and young adults (19–23). See docs/decisions/017-statistics.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeGroup(models.TextChoices):
    PREGNANCY = "pregnancy", _("Pregnant / before birth")
    AGE_0_2 = "0-2", _("0–2 years")
    AGE_3_5 = "3-5", _("3–5 years")
    AGE_6_9 = "6-9", _("6–9 years")
    AGE_10_12 = "10-12", _("10–12 years")
    AGE_13_15 = "13-15", _("13–15 years")
    AGE_16_18 = "16-18", _("16–18 years")
    AGE_19_23 = "19-23", _("19–23 years")


# (lowest age in whole years, highest age, group) for the groups after birth.
AGE_BANDS: tuple[tuple[int, int, AgeGroup], ...] = (
    (0, 2, AgeGroup.AGE_0_2),
    (3, 5, AgeGroup.AGE_3_5),
    (6, 9, AgeGroup.AGE_6_9),
    (10, 12, AgeGroup.AGE_10_12),
    (13, 15, AgeGroup.AGE_13_15),
    (16, 18, AgeGroup.AGE_16_18),
    (19, 23, AgeGroup.AGE_19_23),
)


def age_group_of(age: int) -> AgeGroup | None:
    """The group of a child of ``age`` whole years (None above 23)."""
    if age < 0:
        return AgeGroup.PREGNANCY
    for low, high, group in AGE_BANDS:
        if low <= age <= high:
            return group
    return None
