"""Shared fixtures: the demo data is loaded once per test run into the test database, so
every test (and the server the browser tests start) sees both demo municipalities."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


def pytest_configure(config: pytest.Config) -> None:
    # WhiteNoise warns for every new request handler when STATIC_ROOT is missing, as in a
    # fresh clone where collectstatic has not run (the tests find static files in the apps).
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        call_command("load_demo", allow_demo_users=True, verbosity=0)
    yield
