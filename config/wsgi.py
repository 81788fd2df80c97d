import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Fail at start-up, not at the first request, when production lacks its required settings.
from core.checks import missing_production_settings  # noqa: E402

if missing := missing_production_settings():
    raise ImproperlyConfigured(" ".join(missing))

# Each worker loads WeasyPrint and the PDF fonts now, before it accepts requests, so that the
# first reader of a guide PDF does not wait for that start-up (handlingsveileder.pdf).
from django.conf import settings  # noqa: E402

if not settings.DEBUG and os.environ.get("SAMHANDLING_PDF_WARM_UP", "true") != "false":
    from handlingsveileder.pdf import warm_up  # noqa: E402

    warm_up()
