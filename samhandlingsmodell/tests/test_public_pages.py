import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from samhandlingsmodell.models import (
    ElementPage,
    LevelPage,
    ServiceIndexPage,
    ServicePage,
    TiltakCatalogPage,
)

pytestmark = pytest.mark.django_db
EKS = "eksempelvik.localhost"
FJO = "fjordvik.localhost"


def rel(page):
    """The page's path on its own site."""
    return page.relative_url(page.get_site())


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def first(model, number):
    municipality = Municipality.objects.get(number=number)
    return model.objects.descendant_of(municipality.site.root_page).live().public().first()


@pytest.mark.smoke
def test_national_front_page_lists_published_models(client):
    response = client.get("/", HTTP_HOST="localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Eksempelvik kommune" in html and "Fjordvik kommune" in html
    assert 'href="http://eksempelvik.localhost/"' in html


def test_national_front_page_links_keep_the_development_port(client):
    response = client.get("/", HTTP_HOST="localhost:8000")
    assert 'href="http://fjordvik.localhost:8000/"' in response.content.decode()


def test_unpublished_model_is_not_listed_nationally(client):
    from municipalities.services import municipality_create

    municipality_create(number="4601", name="Bergen", language="nb", host="bergen.example.no")
    assert "Bergen" not in client.get("/", HTTP_HOST="localhost").content.decode()


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("host", "lang", "word"), [(EKS, "nb", "Hvem kan hjelpe?"), (FJO, "nn", "Kven kan hjelpe?")]
)
def test_model_front_page_in_the_municipality_written_standard(client, host, lang, word):
    response = get(client, host, "/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert word in html
    assert response["Content-Language"] == lang
    assert "<svg" in html and "model-diagram__cell" in html


@pytest.mark.parametrize(
    "model",
    [
        LevelPage,
        ElementPage,
        ServiceIndexPage,
        ServicePage,
        TiltakCatalogPage,
        HandlingsveilederPage,
    ],
    ids=lambda m: m.__name__,
)
@pytest.mark.parametrize(("number", "host"), [("9901", EKS), ("9902", FJO)])
def test_every_page_type_renders(client, model, number, host):
    page = first(model, number)
    response = get(client, host, rel(page))
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_diagram_cells_link_to_each_level_section(client):
    html = get(client, EKS, "/").content.decode()
    for level_slug in ("kommuneniva", "tjenesteniva", "individniva"):
        for element_type in ("plan", "rutine", "arena", "verktoy", "tiltak", "kompetanse"):
            assert f'href="/{level_slug}/#{element_type}"' in html


def test_pages_are_shown_under_their_own_host_only(client):
    page = first(ServiceIndexPage, "9902")  # "Kven kan hjelpe?" exists only in Fjordvik
    assert get(client, FJO, rel(page)).status_code == 200
    assert get(client, EKS, rel(page)).status_code == 404


def staff_only_element(number):
    municipality = Municipality.objects.get(number=number)
    restriction = PageViewRestriction.objects.filter(
        page__path__startswith=municipality.site.root_page.path
    ).first()
    return restriction.page.specific


def test_staff_only_content_needs_login(client):
    element = staff_only_element("9901")
    response = get(client, EKS, rel(element))
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]
    level = element.get_parent()
    assert element.title not in get(client, EKS, rel(level)).content.decode()


def test_staff_only_content_is_shown_to_own_staff(client):
    element = staff_only_element("9901")
    client.force_login(User.objects.get(username="eksempelvik-ansatt"))
    response = get(client, EKS, rel(element))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert element.title in get(client, EKS, rel(element.get_parent())).content.decode()


def test_staff_only_content_is_hidden_from_other_municipality_staff(client):
    element = staff_only_element("9901")
    client.force_login(User.objects.get(username="fjordvik-ansatt"))
    assert get(client, EKS, rel(element)).status_code in (302, 403)
    assert element.title not in get(client, EKS, rel(element.get_parent())).content.decode()


def test_public_pages_are_cacheable_for_anonymous_visitors(client):
    response = get(client, EKS, rel(first(LevelPage, "9901")))
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


def test_security_headers_on_public_pages(client):
    response = get(client, EKS, "/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unknown_page_gives_a_norwegian_404(client):
    response = get(client, FJO, "/finst-ikkje/")
    assert response.status_code == 404
    assert "Fann ikkje sida" in response.content.decode()


def test_tiltak_catalogue_filters_by_target_group_level_service_and_theme(client):
    catalog = first(TiltakCatalogPage, "9901")
    all_html = get(client, EKS, rel(catalog)).content.decode()
    tiltak = ElementPage.objects.descendant_of(catalog.get_parent()).filter(element_type="tiltak")
    some = tiltak.filter(target_groups__key="gravide").first()
    other = tiltak.exclude(target_groups__key="gravide").first()
    assert some.title in all_html
    html = get(client, EKS, rel(catalog), data={"malgruppe": "gravide"}).content.decode()
    assert some.title in html and other.title not in html
    html = get(client, EKS, rel(catalog), data={"niva": "kommune"}).content.decode()
    for item in tiltak.filter(path__startswith=first(LevelPage, "9901").path):
        assert item.title in html
    with_service = tiltak.exclude(responsible_service=None).first()
    html = get(
        client, EKS, rel(catalog), data={"tjeneste": with_service.responsible_service_id}
    ).content.decode()
    assert with_service.title in html
    themed = tiltak.filter(themes__isnull=False).first()
    theme = themed.themes.first()
    html = get(client, EKS, rel(catalog), data={"tema": theme.key}).content.decode()
    assert themed.title in html
    html = get(client, EKS, rel(catalog), data={"tema": "finnes-ikke"}).content.decode()
    assert "Ingen tiltak passer" in html


def test_service_page_lists_what_the_service_owns(client):
    element = (
        ElementPage.objects.live()
        .public()
        .filter(
            responsible_service__isnull=False,
            path__startswith=Municipality.objects.get(number="9901").site.root_page.path,
        )
        .first()
    )
    html = get(client, EKS, rel(element.responsible_service)).content.decode()
    assert element.title in html


def _queries(client, host, url):
    with CaptureQueriesContext(connection) as ctx:
        assert get(client, host, url).status_code == 200
    return len(ctx.captured_queries)


def _add_elements(level, n):
    for index in range(n):
        element = ElementPage(
            title=f"Ekstra {index}",
            slug=f"ekstra-{index}",
            element_type="tiltak",
            summary="Ekstra",
            responsible_role="Leder",
        )
        level.add_child(instance=element)
        element.save_revision().publish()


@pytest.mark.parametrize(
    "model", [LevelPage, TiltakCatalogPage, ServicePage], ids=lambda m: m.__name__
)
def test_query_count_does_not_grow_with_content(client, model):
    page = first(model, "9901")
    level = first(LevelPage, "9901")
    _queries(client, EKS, rel(page))  # warm caches
    before = _queries(client, EKS, rel(page))
    _add_elements(level, 8)
    after = _queries(client, EKS, rel(page))
    assert after == before


def test_query_count_of_model_front_page_is_bounded(client):
    _queries(client, EKS, "/")
    # 5 for the page, and one for Bufdir's approval of the model (the grant project's notice).
    assert _queries(client, EKS, "/") <= 6


@pytest.mark.parametrize(
    ("model", "most"),
    [
        (LevelPage, 4),
        (ElementPage, 8),  # 7, and one for a responsible service
        (ServiceIndexPage, 4),
        (ServicePage, 4),
        (TiltakCatalogPage, 7),
        (HandlingsveilederPage, 4),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_query_count_of_each_page_type_is_bounded(client, model, most):
    """The tenant (site, municipality, view restrictions), the route (two queries), then what
    the page shows."""
    page = first(model, "9901")
    _queries(client, EKS, rel(page))
    assert _queries(client, EKS, rel(page)) <= most
