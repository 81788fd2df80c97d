import pytest
from django.contrib.auth.models import User
from django.db import connection
from wagtail.models import PageViewRestriction

from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
EKS = "eksempelvik.localhost"


def search(client, query, host=EKS):
    return client.get("/sok/", {"q": query}, HTTP_HOST=host).content.decode()


@pytest.mark.smoke
def test_search_finds_pages_and_groups_them_by_type(client):
    html = search(client, "samtykke")
    assert "resultat" in html
    assert "Verktøy" in html or "Rutiner" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Norwegian stemming on PostgreSQL")
def test_search_uses_norwegian_stemming(client):
    # "barnehagene" (plural, definite) finds pages that say "barnehage".
    html = search(client, "barnehagene")
    assert "Barnehage" in html


def test_search_stays_in_one_municipality(client):
    fjordvik_home = Municipality.objects.get(number="9902").site.root_page
    html = search(client, "samtykke")
    assert fjordvik_home.url_path not in html
    assert "Fjordvik" not in html


def test_staff_only_content_never_appears_in_anonymous_search(client):
    municipality = Municipality.objects.get(number="9901")
    page = (
        PageViewRestriction.objects.filter(page__path__startswith=municipality.site.root_page.path)
        .first()
        .page
    )
    hit = f">{page.title}</a>"
    assert hit not in search(client, page.title)
    client.force_login(User.objects.get(username="eksempelvik-ansatt"))
    assert hit in search(client, page.title)


def test_empty_and_nonsense_searches(client):
    html = search(client, "")
    assert "Søk i modellen" in html
    html = search(client, "zzqxjkvw")
    assert "Fant ingenting" in html


def test_search_on_national_site_is_not_found(client):
    response = client.get("/sok/", {"q": "x"}, HTTP_HOST="localhost")
    assert response.status_code == 404
