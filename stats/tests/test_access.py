"""Who may do what with the statistics (stats.access), and that the leader's role opens
nothing else: no grant project, no log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from grants.access import access_for as grant_access_for
from stafettlogg.selectors import my_logs
from stats.access import StatsAction, access_for

from .conftest import World

pytestmark = pytest.mark.django_db


def test_staff_register_and_only_leaders_read_the_statistics(world: World, leader: User) -> None:
    for role in ("holder", "actor", "leader", "admin"):
        access = access_for(world.users[role], world.municipality)
        assert access.can(StatsAction.REGISTER), role
        assert not access.can(StatsAction.VIEW_STATISTICS), role
    access = access_for(leader, world.municipality)
    assert access.can(StatsAction.VIEW_STATISTICS) and access.can(StatsAction.REGISTER)


def test_nobody_from_outside_the_municipality_may_do_anything(world: World, leader: User) -> None:
    for user in (leader, world.users["holder"]):
        assert access_for(user, world.other_municipality).actions == frozenset()
    for user in (world.users["guardian"], world.users["stranger"], AnonymousUser()):
        assert access_for(user, world.municipality).actions == frozenset()


def test_the_leaders_role_opens_no_grant_project_and_no_log(world: World, leader: User) -> None:
    assert grant_access_for(leader, world.municipality).actions == frozenset()
    assert my_logs(world.municipality, leader) == []
