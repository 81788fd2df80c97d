"""The guide as staff and citizens use it: overview, step by step, routes, PDFs."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from handlingsveileder.selectors import parse_levels
from handlingsveileder.tests.conftest import guide_of

pytestmark = pytest.mark.django_db


def rel(page):
    return page.relative_url(page.get_site())


def levels(guide):
    return parse_levels(guide.levels.raw_data, None).levels


@pytest.mark.smoke
def test_overview_shows_levels_steps_acute_route_and_revision_date(get, guide):
    response = get(rel(guide))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public") or "public" in response["Cache-Control"]
    for level in levels(guide):
        assert level.name in html
        assert all(item.title in html for item in level.items)
    assert 'href="tel:112"' in html
    assert "Sist revidert" in html
    assert 'role="img"' in html and "Flytskjemaet som tekst" in html
    assert 'href="/handlingsveileder/pdf/"' in html and "/pdf/oversikt/" in html


def test_overview_in_nynorsk(get):
    guide = guide_of("9902")
    html = get(rel(guide), "9902").content.decode()
    assert '<html lang="nn"' in html
    assert "Sist revidert" in html  # same in both standards
    assert "Eg er uroa for eit barn" in html


def test_start_asks_for_service_and_age_only(get, guide):
    html = get(rel(guide) + "start/").content.decode()
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([a-z_]+)"', html))
    assert fields == {"tjeneste", "alder", "q"}  # q is the site search in the header
    assert 'method="post"' not in html.lower()


def test_start_without_choices_explains_in_norwegian(get, guide):
    response = get(rel(guide) + "start/?tjeneste=&alder=")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Velg tjenesten du jobber i." in html
    assert "Velg alderen til barnet." in html
    assert 'aria-invalid="true"' in html


def test_choosing_leads_to_the_first_step_of_level_0(get, guide):
    response = get(rel(guide) + "start/?tjeneste=barnehage&alder=0-5")
    assert response.status_code == 302
    assert response["Location"].startswith(rel(guide) + "niva-0/")
    assert "tjeneste=barnehage" in response["Location"] and "alder=0-5" in response["Location"]
    step = get(response["Location"])
    html = step.content.decode()
    assert step.status_code == 200
    assert "Nivå 0" in html and "steg 1 av" in html
    assert 'href="tel:112"' in html  # acute danger visible at every step


def variant_steps(guide):
    return [
        item
        for level in levels(guide)
        for item in level.items
        if item.kind == "step" and item.services
    ]


def test_variants_are_shown_only_to_the_services_they_are_for(get, guide):
    variant = variant_steps(guide)[0]
    service = variant.services[0]
    other = next(
        s
        for s in ("barnehage", "skole", "helsestasjon", "nav", "fritid", "annen")
        if s not in variant.services
    )
    walk = {}
    for chosen in (service, other):
        titles = []
        url = get(rel(guide) + f"start/?tjeneste={chosen}&alder=6-12")["Location"]
        level = variant.level
        url = re.sub(r"niva-0/\d+/", f"niva-{level}/1/", url)
        for _ in range(20):
            html = get(url).content.decode()
            titles.append(re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1))
            found = re.search(r'href="([^"]+)">Neste steg', html)
            if not found:
                break
            url = found.group(1).replace("&amp;", "&")
        walk[chosen] = titles
    if not variant.age_groups or "6-12" in variant.age_groups:
        assert variant.title in walk[service]
    assert variant.title not in walk[other]


def test_every_decision_answer_leads_somewhere_real(get, guide):
    for level in levels(guide):
        for item in level.items:
            if item.kind != "decision":
                continue
            url = rel(guide) + f"niva-{level.number}/{item.position}/?tjeneste=skole&alder=6-12"
            html = get(url).content.decode()
            links = re.findall(r'class="ds-button guide-outcome[^"]*"[^>]*href="([^"]+)"', html)
            assert len(links) == len(item.outcomes)
            for link in links:
                assert get(link.replace("&amp;", "&")).status_code == 200, link


def test_barnevern_and_acute_routes_are_always_present(get, guide):
    barnevern = get(rel(guide) + "barnevern/").content.decode()
    assert "Meld til barnevernstjenesten" in barnevern or "barnevernstjenesten" in barnevern
    acute = get(rel(guide) + "akutt/").content.decode()
    assert 'href="tel:112"' in acute
    assert get(rel(guide) + "avslutt/").status_code == 200
    assert get(rel(guide) + "finnes-ikke/").status_code == 404


def test_unknown_steps_are_not_found(get, guide):
    assert get(rel(guide) + "niva-9/1/").status_code == 404
    assert get(rel(guide) + "niva-0/99/").status_code == 404


def test_public_version_for_guardians(get, guide):
    response = get(rel(guide) + "hjelp/")
    html = response.content.decode()
    assert response.status_code == 200
    assert guide.public_title in html
    assert "116 111" in html
    assert 'href="tel:112"' in html


def test_guide_of_another_municipality_is_not_served_on_this_host(get):
    other = guide_of("9902")
    assert get(rel(other), "9901").status_code == 404


def test_staff_only_tools_are_linked_for_staff_only(client, get, guide):
    from django.contrib.auth.models import User

    from samhandlingsmodell.models import ElementPage

    tool_ids = [pk for lvl in levels(guide) for item in lvl.items for pk in item.tool_ids]
    public = set(ElementPage.objects.filter(pk__in=tool_ids).public().values_list("pk", flat=True))
    restricted = ElementPage.objects.filter(pk__in=set(tool_ids) - public).first()
    assert restricted is not None, "the template links at least one staff-only tool"
    assert f'href="{rel(restricted)}"' not in get(rel(guide)).content.decode()
    client.force_login(User.objects.get(username="eksempelvik-ansatt"))
    assert f'href="{rel(restricted)}"' in get(rel(guide)).content.decode()


def test_unpublished_tool_is_not_linked(get, guide):
    from samhandlingsmodell.models import ElementPage

    tool_ids = [pk for lvl in levels(guide) for item in lvl.items for pk in item.tool_ids]
    tool = ElementPage.objects.filter(pk__in=tool_ids).public().first()  # not staff-only
    assert f'href="{rel(tool)}"' in get(rel(guide)).content.decode()
    tool.unpublish()
    assert f'href="{rel(tool)}"' not in get(rel(guide)).content.decode()


def test_query_count_does_not_grow_with_the_guide(get, guide):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert get(path).status_code == 200
        return len(queries)

    before = count(rel(guide))
    stream = guide.levels.raw_data
    level = stream[0]
    level["value"]["items"] = list(level["value"]["items"]) * 3
    guide.save()
    assert count(rel(guide)) <= before
    assert before <= 4


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_whole_guide_as_pdf(get, guide):
    response = get(rel(guide) + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    flat = " ".join(text.split())
    assert "Eksempelvik kommune" in flat
    assert guide.title in flat
    assert "Versjon" in flat and str(guide.last_published_at.year) in flat
    for level in levels(guide):
        assert level.name in flat
        assert " ".join(level.items[0].title.split()) in flat
    assert pages > 1


def test_one_page_overview_pdf(get):
    guide = guide_of("9902")
    response = get(rel(guide) + "pdf/oversikt/", "9902")
    pages, text = pdf_text(response.content)
    assert pages == 1
    flat = " ".join(text.split())
    assert "Fjordvik kommune" in flat
    assert all(level.name in flat for level in levels(guide))


def test_model_front_page_links_the_guide_and_the_public_version(get, guide):
    html = get("/").content.decode()
    assert f'href="{rel(guide)}"' in html
    assert f'href="{rel(guide)}hjelp/"' in html


def test_pdf_follows_the_published_guide(get, guide):
    before = pdf_text(get(rel(guide) + "pdf/").content)[1]
    guide.title = "Ny handlingsveileder for Eksempelvik"
    guide.save_revision().publish()
    after = " ".join(pdf_text(get(rel(guide) + "pdf/").content)[1].split())
    assert "Ny handlingsveileder for Eksempelvik" in after
    assert "Ny handlingsveileder for Eksempelvik" not in before
