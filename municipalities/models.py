from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.register import county_choices, county_name, korus_region

kommunenummer_validator = RegexValidator(
    r"^\d{4}$", _("The municipality number must be exactly four digits.")
)


class WrittenStandard(models.TextChoices):
    BOKMAAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class Municipality(models.Model):
    """A kommune: the tenant that owns every row of municipal data."""

    number = models.CharField(
        _("municipality number"), max_length=4, unique=True, validators=[kommunenummer_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("written standard"), max_length=2, choices=WrittenStandard.choices
    )
    fictional = models.BooleanField(
        _("fictional"), default=False, help_text=_("Demo municipality outside the official list.")
    )
    county = models.CharField(
        _("county"),
        max_length=2,
        blank=True,
        choices=county_choices,
        help_text=_("From the official list; chosen by hand for a fictional municipality."),
    )
    site = models.OneToOneField(
        "wagtailcore.Site", on_delete=models.PROTECT, related_name="municipality"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_address = models.CharField(_("postal address"), max_length=200, blank=True)
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="municipality"
    )
    editors = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="edits_municipality"
    )
    approvers = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="approves_municipality"
    )
    staff = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="staff_of_municipality"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        indexes = [models.Index(fields=["county"], name="municipality_county")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{4}$"), name="municipality_number_4_digits"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["nb", "nn"]), name="municipality_language_nb_nn"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    @property
    def county_name(self) -> str:
        return county_name(self.county)

    @property
    def korus_region(self) -> str:
        """The regional KORUS centre that serves the municipality's county."""
        return korus_region(self.county)

    @property
    def host(self) -> str:
        return self.site.hostname

    def groups(self) -> list:
        return [self.editors, self.approvers, self.staff]
