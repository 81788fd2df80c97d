"""Clients for the national advisers' tests: logged in with both factors on a host, as the
TOTP step leaves a session."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.login_session import bind_to_municipality
from municipalities.models import Municipality

NATIONAL_HOST = "localhost"
HOST_A = "eksempelvik.localhost"  # 9901, county 32, KORUS Øst
HOST_B = "fjordvik.localhost"  # 9902, county 46, KORUS Vest Bergen


def verified_client(user: User, host: str = NATIONAL_HOST) -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "t"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    municipality = Municipality.objects.filter(site__hostname=host).first()
    bind_to_municipality(session, municipality)
    session.save()
    return client


def adviser(username: str) -> Client:
    return verified_client(User.objects.get(username=username))
