from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.menu import MenuItem
from stafettlogg import selectors
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import Consent, HandOver, Log, LogSettings


@hooks.register("model_template_values")
def youth_consent_age(number: str) -> dict[str, str]:
    """The model's template states the age from which a youth consents as the logs use it (the
    municipality's setting; its default for a municipality still being created)."""
    age = (
        LogSettings.objects.filter(municipality__number=number)
        .values_list("youth_consent_age", flat=True)
        .first()
    )
    if age is None:
        age = LogSettings._meta.get_field("youth_consent_age").get_default()
    return {"samtykkealder": str(age)}


# A first login with ID-porten (accounts.oidc) makes an account only for a person the log knows.
hooks.register("identify_person", selectors.person_known_by_hash)


@hooks.register("register_staff_menu_item")
def _my_logs(request: HttpRequest) -> MenuItem | None:
    if hasattr(request, "municipality") and request.municipality is None:
        return None  # the national host has no stafettlogg
    return MenuItem("mine", _("My logs"), reverse("stafettlogg:mine"), 100)


@hooks.register("register_backup_summary")
def backup_summary() -> dict[str, list[str]]:
    """What a backup's summary counts of the logs (core.backup)."""
    return {
        "logs": [Log._meta.db_table],
        "entries": [kind.model._meta.db_table for kind in ENTRY_KINDS],
        "consents": [Consent._meta.db_table],
        "handovers": [HandOver._meta.db_table],
    }
