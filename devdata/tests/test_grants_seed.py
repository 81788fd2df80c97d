"""seed_grants tops the grant scheme up for the advisers' benchmark, once; its sessions open
the overview as a login on the national host does."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from devdata.grants_seed import national_sessions
from grants.models import GrantProject

pytestmark = pytest.mark.django_db


def test_seed_grants_tops_the_scheme_up_once_and_its_sessions_open_the_overview() -> None:
    assert GrantProject.objects.count() == 2  # the demo's
    call_command("seed_grants", "--in-scheme", "6", verbosity=0)
    assert GrantProject.objects.count() == 6
    call_command("seed_grants", "--in-scheme", "6", verbosity=0)
    assert GrantProject.objects.count() == 6
    client = Client(HTTP_HOST="localhost")
    client.cookies[settings.SESSION_COOKIE_NAME] = national_sessions("bufdir-radgiver", 1)[0]
    page = client.get("/tilskudd/")
    assert page.status_code == 200
    assert page.content.decode().count('<th scope="row">') == 6
