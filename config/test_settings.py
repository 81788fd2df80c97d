"""Settings for the test suite: the normal settings with development defaults from the
environment, plus a fast password hasher."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405
