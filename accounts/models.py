"""Accounts: who a person is and what roles they hold in a municipality.

Shared by every part of the product that has logged-in staff or citizens (the stafettlogg
today; the grant project, the statistics and the national roles next). Login itself (password
+ TOTP, OpenID Connect) is in ``views.py`` and ``oidc.py``; the fødselsnummer in
``identity.py``; "may this user do this here" in ``roles.py``.

The tables were made by the stafettlogg and moved here with their data (ADR 014).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """An enhet: a kindergarten, a school, the health centre... Staff belong to units, and a
    consent names the units that may take part."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("name"), max_length=150)
    service = models.ForeignKey(
        "samhandlingsmodell.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service in the model"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("municipal administrator")
    UNIT_LEADER = "leader", _("unit leader")
    HOLDER = "holder", _("stafettholder")
    ACTOR = "actor", _("participant")
    # The grant project's leader (BTS-koordinator): edits the project and sends the model to
    # Bufdir. Like the administrator, a role of the whole municipality, not of one unit.
    PROJECT_LEADER = "project", _("project leader (BTS coordinator)")
    # A leader of the whole municipality (kommunalsjef, rådmann): reads the statistics and no
    # log at all. Not the unit leader (value "leader"), who leads one unit.
    LEADER = "head", _("leader (statistics)")


# Roles that belong to the whole municipality rather than to one unit.
MUNICIPALITY_WIDE_ROLES = (StaffRole.ADMIN, StaffRole.PROJECT_LEADER, StaffRole.LEADER)


class StaffMembership(models.Model):
    """A staff account's role in one municipality (and unit, except for administrators)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="log_memberships"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="log_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=StaffRole.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role", "unit"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["admin", "project", "head"])
                | models.Q(unit__isnull=False),
                name="membership_unit_unless_municipality_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class PersonIdentity(models.Model):
    """The fødselsnummer of a person's account, for matching guardians and youth to logs
    (recorded by a leader, or from ID-porten's `pid` claim at login)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_identity"
    )
    fnr_encrypted = models.TextField()
    fnr_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("person identity")
        verbose_name_plural = _("person identities")

    def __str__(self) -> str:
        return str(self.user)


class ExternalLogin(models.Model):
    """A staff account's link to its identity at the municipality's identity provider: the
    provider's issuer and the stable subject (`sub`). Made at the first login, when the
    provider's verified e-mail address matched exactly one active staff account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_logins"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external login")
        verbose_name_plural = _("external logins")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_login_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"


class NationalRoleKind(models.TextChoices):
    BUFDIR_ADVISER = "bufdir", _("Bufdir adviser")
    KORUS_ADVISER = "korus", _("KORUS adviser")


class NationalRole(models.Model):
    """A role above the municipalities: Bufdir's adviser follows every municipality in the
    grant scheme; a KORUS adviser those of the counties their regional centre serves
    (``region``, a key of ``municipalities.register.KORUS_REGIONS``). Neither role gives any
    access to a municipality's stafettlogg or lets its holder edit a model."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="national_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=NationalRoleKind.choices)
    region = models.CharField(_("KORUS region"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("national role")
        verbose_name_plural = _("national roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="national_role_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(role="bufdir", region="")
                    | (models.Q(role="korus") & ~models.Q(region=""))
                ),
                name="national_role_region_for_korus_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
