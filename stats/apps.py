from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """The municipality's statistics (Statistikk). The package is ``stats``, not
    ``statistics``: a top-level package of that name would shadow Python's own ``statistics``
    module, which Django's SQLite backend and the benchmark import."""

    name = "stats"
    verbose_name = _("Statistics")
    default_auto_field = "django.db.models.BigAutoField"
