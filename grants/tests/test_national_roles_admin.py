"""The national administrators' roles page in the admin: grant and revoke Bufdir's and KORUS'
adviser roles and a municipality's project leader, audited, with a confirmation before a
revoke; nobody else reaches it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import NationalRole, StaffMembership, StaffRole
from audit.models import AuditEvent
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
URL = "/admin/tilskudd/roller/"


def _admin() -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="nasjonal-admin"))
    return client


def test_the_page_lists_the_advisers_and_project_leaders(django_assert_max_num_queries) -> None:
    client = _admin()
    client.get(URL)
    with django_assert_max_num_queries(20):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "bufdir-radgiver" in page and "korus-ost-radgiver" in page
    assert "KORUS Øst" in page
    assert "eksempelvik-koordinator" in page and "fjordvik-koordinator" in page


def test_a_national_administrator_grants_and_revokes_a_korus_role() -> None:
    user = User.objects.create_user("ny-korus", first_name="Nina")
    client = _admin()
    missing = client.post(
        URL + "radgiver/", {"username": "ny-korus", "role": "korus", "region": ""}
    )
    assert missing.status_code == 200 and not NationalRole.objects.filter(user=user).exists()
    client.post(URL + "radgiver/", {"username": "ny-korus", "role": "korus", "region": "midt"})
    national = NationalRole.objects.get(user=user)
    assert national.region == "midt"
    assert AuditEvent.objects.filter(action="role.national_grant", object_id=str(national.pk))
    confirm = client.get(f"{URL}radgiver/{national.pk}/fjern/")
    assert confirm.status_code == 200 and "KORUS Midt" in confirm.content.decode()
    assert NationalRole.objects.filter(pk=national.pk).exists()
    client.post(f"{URL}radgiver/{national.pk}/fjern/")
    assert not NationalRole.objects.filter(pk=national.pk).exists()
    assert AuditEvent.objects.filter(action="role.national_revoke").exists()


def test_municipal_staff_cannot_become_an_adviser() -> None:
    client = _admin()
    response = client.post(
        URL + "radgiver/", {"username": "eksempelvik-redaktor", "role": "bufdir", "region": ""}
    )
    assert "egen konto" in response.content.decode()
    assert not NationalRole.objects.filter(user__username="eksempelvik-redaktor").exists()


def test_a_national_administrator_makes_a_staff_member_project_leader() -> None:
    eksempelvik = Municipality.objects.get(number="9901")
    client = _admin()
    # Someone of another municipality cannot lead this one's project.
    client.post(
        URL + "prosjektleder/",
        {"municipality": eksempelvik.pk, "username": "fjordvik-redaktor"},
    )
    assert not StaffMembership.objects.filter(
        user__username="fjordvik-redaktor", role=StaffRole.PROJECT_LEADER
    ).exists()
    client.post(
        URL + "prosjektleder/",
        {"municipality": eksempelvik.pk, "username": "eksempelvik-godkjenner"},
    )
    user = User.objects.get(username="eksempelvik-godkjenner")
    membership = StaffMembership.objects.get(user=user, role=StaffRole.PROJECT_LEADER)
    assert user.groups.filter(pk=eksempelvik.editors_id).exists()
    assert AuditEvent.objects.filter(action="role.project_leader_grant").exists()
    assert client.get(f"{URL}prosjektleder/{membership.pk}/fjern/").status_code == 200
    client.post(f"{URL}prosjektleder/{membership.pk}/fjern/")
    assert not StaffMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="role.project_leader_revoke").exists()


@pytest.mark.parametrize(
    "username", ["eksempelvik-redaktor", "eksempelvik-koordinator", "bufdir-radgiver"]
)
def test_nobody_else_reaches_the_roles_page(username: str) -> None:
    national = NationalRole.objects.first()
    assert national is not None
    for host in ("localhost", "eksempelvik.localhost"):
        client = Client(HTTP_HOST=host)
        client.force_login(User.objects.get(username=username))
        for url in (URL, f"{URL}radgiver/{national.pk}/fjern/"):
            assert client.get(url).status_code in (302, 403, 404), (username, url)
        client.post(f"{URL}radgiver/{national.pk}/fjern/")
        assert NationalRole.objects.filter(pk=national.pk).exists()
