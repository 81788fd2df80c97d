"""The admin speaks the written standard of the user's municipality, whatever the host, and
the language the user chose in their account when they chose one."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def _dashboard(username: str, host: str = "localhost") -> str:
    client = Client(HTTP_HOST=host)
    client.force_login(User.objects.get(username=username))
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("host", ["localhost", "eksempelvik.localhost"])
def test_nynorsk_editor_gets_a_nynorsk_admin_on_any_host(host):
    assert '<html lang="nn"' in _dashboard("fjordvik-redaktor", host)


def test_bokmal_approver_gets_a_bokmal_admin_on_the_nynorsk_host():
    assert '<html lang="nb"' in _dashboard("eksempelvik-godkjenner", "fjordvik.localhost")


def test_the_language_chosen_in_the_account_wins():
    user = User.objects.get(username="eksempelvik-redaktor")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="nn")
    assert '<html lang="nn"' in _dashboard("eksempelvik-redaktor")


def test_the_account_offers_bokmal_and_nynorsk_with_norwegian_names():
    client = Client()
    client.force_login(User.objects.get(username="fjordvik-redaktor"))
    page = client.get("/admin/account/").content.decode()
    assert "norsk (bokmål)" in page.lower()
    assert "norsk (nynorsk)" in page.lower()
    assert ">English<" not in page
