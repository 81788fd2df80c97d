"""The guide is edited in the Wagtail admin by the municipality's own editors."""

import json
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from handlingsveileder.tests.conftest import guide_of

pytestmark = pytest.mark.django_db


def test_editor_opens_the_guide_as_structured_content(client):
    guide = guide_of("9901")
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    html = " ".join(unescape(response.content.decode()).split())
    assert response.status_code == 200
    assert "Veileder for ansatte" in html and "For foresatte og innbyggere" in html
    # The block definitions are JSON inside the page: non-ASCII letters are escaped.
    for label in ("Støttespørsmål", "Beslutningspunkt", "Bare for disse tjenestene"):
        assert json.dumps(label)[1:-1] in html, label
    history = client.get(reverse("wagtailadmin_pages:history", args=[guide.pk]))
    assert history.status_code == 200


def test_editor_of_another_municipality_cannot_open_the_guide(client):
    guide = guide_of("9901")
    client.force_login(User.objects.get(username="fjordvik-redaktor"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert response.status_code in (302, 403, 404)


def test_preview_renders_the_draft_in_the_municipality_language(rf):
    from django.contrib.auth.models import AnonymousUser

    guide = guide_of("9902")
    guide.title = "Utkast til ny rettleiar"
    request = rf.get("/", HTTP_HOST="fjordvik.localhost")
    request.user = AnonymousUser()
    response = guide.serve_preview(request, "")
    html = response.content.decode()
    assert "Utkast til ny rettleiar" in html
    assert '<html lang="nn"' in html
