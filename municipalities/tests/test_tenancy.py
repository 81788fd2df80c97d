"""Editors and approvers of one municipality never see or change another's content."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from samhandlingsmodell.models import (
    ElementPage,
    LevelPage,
    ModelHomePage,
    ServiceIndexPage,
    ServicePage,
    TiltakCatalogPage,
)

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    ModelHomePage,
    LevelPage,
    ElementPage,
    ServiceIndexPage,
    ServicePage,
    TiltakCatalogPage,
    HandlingsveilederPage,
]


@pytest.fixture
def eksempelvik():
    return Municipality.objects.get(number="9901")


@pytest.fixture
def fjordvik():
    return Municipality.objects.get(number="9902")


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    return client


@pytest.fixture
def approver_client(client):
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    return client


def page_of_type(municipality: Municipality, model: type[Page]) -> Page:
    home = municipality.site.root_page
    return model.objects.descendant_of(home, inclusive=True).first()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", ["editor_client", "approver_client"])
def test_cannot_open_or_change_other_municipality_pages(request, role, model, fjordvik):
    client = request.getfixturevalue(role)
    page = page_of_type(fjordvik, model)
    title_before = page.title
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403, 404)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "Overtatt", "slug": page.slug}
    )
    assert response.status_code in (302, 403, 404)
    page.refresh_from_db()
    assert page.title == title_before
    assert page.get_latest_revision().content["title"] == title_before


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_can_open_own_municipality_pages(editor_client, eksempelvik, model):
    page = page_of_type(eksempelvik, model)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


def test_explorer_does_not_list_other_municipality(editor_client, fjordvik):
    response = editor_client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        response = editor_client.get(response.url)
    assert fjordvik.site.root_page.title not in response.content.decode()


def test_drafts_of_other_municipality_are_not_previewable(editor_client, fjordvik):
    page = page_of_type(fjordvik, ElementPage)
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code in (302, 403, 404)


def _pdf() -> ContentFile:
    return ContentFile(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="rutine.pdf"
    )


def test_documents_of_other_municipality_are_hidden(editor_client, fjordvik):
    document = get_document_model().objects.create(
        title="Fjordvik samtykkeskjema", file=_pdf(), collection=fjordvik.collection
    )
    listing = editor_client.get(reverse("wagtaildocs:index"))
    assert "Fjordvik samtykkeskjema" not in listing.content.decode()
    response = editor_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code in (302, 403, 404)
    response = editor_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_images_of_other_municipality_are_hidden(editor_client, fjordvik):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Fjordvik logo",
        file=ContentFile(buffer.getvalue(), name="logo.png"),
        collection=fjordvik.collection,
    )
    listing = editor_client.get(reverse("wagtailimages:index"))
    assert "Fjordvik logo" not in listing.content.decode()
    response = editor_client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert response.status_code in (302, 403, 404)


def test_users_and_groups_are_not_visible_to_municipality_editors(editor_client):
    for url in (reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index")):
        response = editor_client.get(url)
        assert response.status_code in (302, 403, 404)
    fjordvik_user = User.objects.get(username="fjordvik-redaktor")
    response = editor_client.get(reverse("wagtailusers_users:edit", args=[fjordvik_user.pk]))
    assert response.status_code in (302, 403, 404)


def test_model_check_of_other_municipality_is_not_found(editor_client, fjordvik):
    response = editor_client.get(reverse("modellsjekk_report", args=[fjordvik.number]))
    assert response.status_code == 404


def test_editor_choices_only_offer_own_services_and_elements(editor_client, eksempelvik, fjordvik):
    page = page_of_type(eksempelvik, ElementPage)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    form = response.context["form"]
    own_home = eksempelvik.site.root_page
    services = form.fields["responsible_service"].queryset
    assert services.exists()
    assert not services.exclude(path__startswith=own_home.path).exists()
    related = form.fields["related"].queryset
    assert not related.exclude(path__startswith=own_home.path).exists()
    themes = form.fields["themes"].queryset
    assert set(themes.values_list("municipality_id", flat=True)) == {eksempelvik.pk}


def test_page_chooser_offers_only_own_pages(editor_client, eksempelvik, fjordvik):
    own = page_of_type(eksempelvik, ServiceIndexPage)  # "Hvem kan hjelpe?"
    other = page_of_type(fjordvik, ServiceIndexPage)  # "Kven kan hjelpe?"
    response = editor_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "hjelpe"})
    html = response.content.decode()
    assert f'data-id="{own.pk}"' in html
    assert f'data-id="{other.pk}"' not in html
    browse = editor_client.get(
        reverse("wagtailadmin_choose_page_child", args=[other.get_parent().pk])
    )
    assert f'data-id="{other.pk}"' not in browse.content.decode()


def test_guide_refuses_tools_from_another_municipality(eksempelvik, fjordvik):
    from handlingsveileder.selectors import foreign_tool_titles

    guide = page_of_type(eksempelvik, HandlingsveilederPage)
    foreign = page_of_type(fjordvik, ElementPage)
    own = page_of_type(eksempelvik, ElementPage)
    raw = guide.levels.raw_data
    step = next(i for i in raw[0]["value"]["items"] if i["type"] == "step")
    step["value"]["tools"] = [
        {"type": "item", "value": own.pk, "id": "own"},
        {"type": "item", "value": foreign.pk, "id": "foreign"},
    ]
    guide.save()
    guide = HandlingsveilederPage.objects.get(pk=guide.pk)
    assert foreign_tool_titles(guide.levels, eksempelvik.site.root_page) == [foreign.title]
