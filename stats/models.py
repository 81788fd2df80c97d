"""Anonymous registration: that a member of staff handled a concern about a child outside the
stafettlogg (nivå 0, or work in one service), counted in the municipality's statistics.

A row holds no name, identity number, free text or user, and nothing that orders the rows in
time finer than the date: the key is random, there is no creation time, and the audit record
of the registration names neither the row nor its content (ADR 017). It counts registrations,
not unique children.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from stats.age_groups import AgeGroup


class Outcome(models.TextChoices):
    """What nivå 0 ended in (the four ways out of the handlingsveileder's level 0)."""

    NO_ACTION = "none", _("No further action")
    OWN_SERVICE = "own", _("Action in own service (level 1)")
    COOPERATION = "coop", _("Cooperation with another service (level 2 or 3)")
    BARNEVERN = "barnevern", _("Report to barnevernstjenesten")


# The BTI levels each outcome goes with: no further action stays at level 0, action in own
# service is level 1 or more, cooperation level 2 or more; a report to barnevernet can come at
# any level. The constraints below say the same.
OUTCOME_LEVELS: dict[str, frozenset[int]] = {
    Outcome.NO_ACTION: frozenset({0}),
    Outcome.OWN_SERVICE: frozenset({1, 2, 3}),
    Outcome.COOPERATION: frozenset({2, 3}),
    Outcome.BARNEVERN: frozenset({0, 1, 2, 3}),
}


class AnonymousRegistration(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    registered_on = models.DateField(_("date"))
    unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    age_group = models.CharField(_("the child's age"), max_length=10, choices=AgeGroup.choices)
    bti_level = models.PositiveSmallIntegerField(_("highest BTI level reached"))
    categories = models.ManyToManyField(
        "stafettlogg.AttentionCategory",
        through="RegistrationCategory",
        blank=True,
        related_name="+",
        verbose_name=_("what the concern was about"),
    )
    outcome = models.CharField(_("outcome of level 0"), max_length=10, choices=Outcome.choices)

    class Meta:
        verbose_name = _("anonymous registration")
        verbose_name_plural = _("anonymous registrations")
        indexes = [
            models.Index(fields=["municipality", "registered_on"], name="anon_reg_period_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bti_level__lte=3), name="anon_reg_bti_level_0_3"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="none") | models.Q(bti_level=0),
                name="anon_reg_no_action_is_level_0",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="own") | models.Q(bti_level__gte=1),
                name="anon_reg_own_service_from_level_1",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="coop") | models.Q(bti_level__gte=2),
                name="anon_reg_cooperation_from_level_2",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Anonymous registration"))


class RegistrationCategory(models.Model):
    """A concern category of one registration. Its own table with a random key, so that no
    sequence number orders the registrations in time (Django's default many-to-many table
    numbers its rows)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    registration = models.ForeignKey(
        AnonymousRegistration, on_delete=models.CASCADE, related_name="category_links"
    )
    category = models.ForeignKey(
        "stafettlogg.AttentionCategory", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "category"], name="anon_reg_category_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.category_id)
