from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StafettloggConfig(AppConfig):
    name = "stafettlogg"
    verbose_name = _("Stafettlogg")

    def ready(self) -> None:
        from stafettlogg import checks  # noqa: F401  (registers the deployment checks)
