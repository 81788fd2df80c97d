"""The statistics' tests use the stafettlogg's small world (users of every role in
Eksempelvik, a log in Fjordvik) and add a leader in each municipality."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import StaffMembership, StaffRole
from stafettlogg.tests.conftest import HOST_A, HOST_B, World, verified_client, world  # noqa: F401

__all__ = ["HOST_A", "HOST_B", "World", "verified_client", "world"]


@pytest.fixture
def leader(world: World) -> User:  # noqa: F811
    user = User.objects.create_user("t-kommunalsjef", first_name="Liv", last_name="Test")
    StaffMembership.objects.create(
        user=user, municipality=world.municipality, role=StaffRole.LEADER, unit=None
    )
    return user


@pytest.fixture
def leader_client(leader: User) -> Client:
    return verified_client(leader, HOST_A)


@pytest.fixture
def foreign_leader(world: World) -> Any:  # noqa: F811
    user = User.objects.create_user("t-leiar", first_name="Lone", last_name="Test")
    StaffMembership.objects.create(
        user=user, municipality=world.other_municipality, role=StaffRole.LEADER, unit=None
    )
    return user
