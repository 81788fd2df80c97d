from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamhandlingsmodellConfig(AppConfig):
    name = "samhandlingsmodell"
    verbose_name = _("Collaboration model")
