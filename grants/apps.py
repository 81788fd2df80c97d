from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "grants"
    verbose_name = _("Grant project")

    def ready(self) -> None:
        # Each part of the app registers its own Wagtail hooks.
        from grants import (  # noqa: F401
            hooks_modellsjekk,
            hooks_national,
            hooks_project,
            hooks_report,
            hooks_review,
        )
