import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Fail at start-up, not at the first request, when production lacks its required settings.
from core.checks import missing_production_settings  # noqa: E402

if missing := missing_production_settings():
    raise ImproperlyConfigured(" ".join(missing))
