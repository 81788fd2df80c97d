"""The small taxonomies of the model: levels, element types, dimensions, tool kinds, sectors,
target groups and themes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LevelKey(models.TextChoices):
    KOMMUNE = "kommune", _("Municipal level")
    TJENESTE = "tjeneste", _("Service level")
    INDIVID = "individ", _("Individual level")


class ElementType(models.TextChoices):
    PLAN = "plan", _("Plan or strategy")
    RUTINE = "rutine", _("Routine or procedure")
    ARENA = "arena", _("Meeting arena")
    VERKTOY = "verktoy", _("Tool")
    TILTAK = "tiltak", _("Tiltak")
    KOMPETANSE = "kompetanse", _("Competence and training")


ELEMENT_TYPE_PLURALS = {
    ElementType.PLAN: _("Plans and strategies"),
    ElementType.RUTINE: _("Routines and procedures"),
    ElementType.ARENA: _("Meeting arenas"),
    ElementType.VERKTOY: _("Tools"),
    ElementType.TILTAK: _("Tiltak"),
    ElementType.KOMPETANSE: _("Competence and training"),
}


class Dimension(models.TextChoices):
    STRUKTUR = "struktur", _("Structure")
    KULTUR = "kultur", _("Culture")


class ToolKind(models.TextChoices):
    SKJEMA = "skjema", _("Form")
    SAMTALEGUIDE = "samtaleguide", _("Conversation guide")
    KARTLEGGING = "kartlegging", _("Screening or mapping tool")
    MAL = "mal", _("Template")


class Sector(models.TextChoices):
    HELSE = "helse", _("Health")
    OPPVEKST = "oppvekst", _("Education and childhood")
    VELFERD = "velferd", _("Welfare")
    BARNEVERN = "barnevern", _("Child welfare")
    SPESIALIST = "spesialist", _("Specialist services")
    ANNET = "annet", _("Other")


TARGET_GROUP_LABELS = {
    "gravide": _("Pregnant women"),
    "0-5": _("Children 0–5 years"),
    "6-12": _("Children 6–12 years"),
    "13-18": _("Youth 13–18 years"),
    "18-23": _("Young adults 18–23 years"),
    "foreldre": _("Parents"),
}


class TargetGroup(models.Model):
    """Fixed national list of target groups (seeded by migration)."""

    key = models.SlugField(max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return str(TARGET_GROUP_LABELS.get(self.key, self.key))


class Theme(models.Model):
    """A theme for tagging tiltak, owned by one municipality."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="themes"
    )
    key = models.SlugField(max_length=50)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="theme_key_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
