import io

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry

from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    return client


def image_in(collection):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Logo", file=ContentFile(buffer.getvalue(), name="logo.png"), collection=collection
    )


def test_editor_updates_contact_details_and_it_is_logged(editor_client):
    url = reverse("municipality_settings", args=["9901"])
    response = editor_client.post(
        url,
        {
            "contact_email": "post@eksempelvik.example",
            "contact_phone": "99 88 77 66",
            "contact_address": "Torget 1",
        },
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(number="9901")
    assert municipality.contact_phone == "99 88 77 66"
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(municipality.pk)
    ).exists()
    html = editor_client.get("/", HTTP_HOST="eksempelvik.localhost").content.decode()
    assert "Torget 1" in html


def test_invalid_email_is_refused_and_nothing_saved(editor_client):
    before = Municipality.objects.get(number="9901").contact_email
    response = editor_client.post(
        reverse("municipality_settings", args=["9901"]),
        {"contact_email": "ikke en e-post", "contact_phone": "1"},
    )
    assert response.status_code == 200
    assert Municipality.objects.get(number="9901").contact_email == before


def test_logo_must_belong_to_the_municipality(editor_client):
    other = image_in(Municipality.objects.get(number="9902").collection)
    response = editor_client.post(
        reverse("municipality_settings", args=["9901"]), {"logo": other.pk, "contact_email": ""}
    )
    assert response.status_code == 200
    assert Municipality.objects.get(number="9901").logo is None
    own = image_in(Municipality.objects.get(number="9901").collection)
    response = editor_client.post(
        reverse("municipality_settings", args=["9901"]), {"logo": own.pk, "contact_email": ""}
    )
    assert response.status_code == 302
    assert Municipality.objects.get(number="9901").logo == own


def test_other_municipality_settings_are_not_found(editor_client):
    response = editor_client.get(reverse("municipality_settings", args=["9902"]))
    assert response.status_code == 404
    response = editor_client.post(
        reverse("municipality_settings", args=["9902"]), {"contact_phone": "1"}
    )
    assert response.status_code == 404


def test_staff_without_editing_rights_cannot_open_admin(client):
    client.force_login(User.objects.get(username="eksempelvik-ansatt"))
    response = client.get(reverse("municipality_settings", args=["9901"]))
    assert response.status_code in (302, 403)
