"""Settings for the test suite: the normal settings with development defaults from the
environment, plus a fast password hasher."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings import *  # noqa: E402,F403

# PBKDF2 with few iterations: fast in tests, and still readable by the production hasher that
# the browser tests' server uses (the iteration count is part of the stored hash).
PASSWORD_HASHERS = ["config.fast_hasher.FastPBKDF2PasswordHasher"]
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405

# The browser tests' server shares the test database; a database cache written inside a test's
# open transaction would lock the server out, so the test process keeps its cache in memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
