from django.apps import AppConfig


class HandlingsveilederConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "handlingsveileder"
    verbose_name = "Handlingsveileder"
