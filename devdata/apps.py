from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development and benchmark data: `load_demo` (two fictional municipalities with demo
    users whose passwords are known) and `seed_load` (fictional municipalities full of logs).
    Installed only where SAMHANDLING_DEV_DATA is on (by default with DEBUG): production leaves
    it out, so neither command exists there."""

    name = "devdata"
    verbose_name = "Demo and load data"
