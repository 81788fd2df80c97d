"""Shared fixtures: the demo data is loaded once per test run into the test database, so
every test (and the server the browser tests start) sees both demo municipalities."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        call_command("load_demo", allow_demo_users=True, verbosity=0)
    yield
