"""The stricter Modellsjekk (issue 14): stable criterion codes, the report as JSON, and the
criteria the grant scheme adds, each failing on a model that lacks what it names and passing
on the demo models."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell import modellsjekk
from samhandlingsmodell.models import (
    ElementPage,
    LevelPage,
    ServiceIndexPage,
    ServicePage,
    TargetGroup,
)

pytestmark = pytest.mark.django_db

# The queries of a whole Modellsjekk run on a demo model (66 pages, the guide and the grant
# project): a fixed number, whatever the model holds.
QUERY_BUDGET = 30


@pytest.fixture
def eksempelvik():
    return Municipality.objects.get(number="9901")


def by_code(report, code):
    return next(c for c in report.criteria if c.code == code)


def test_every_criterion_has_a_unique_slug_code_that_fits_a_verdict(eksempelvik):
    codes = [c.code for c in modellsjekk.run(eksempelvik).criteria]
    assert len(codes) == len(set(codes))
    assert all(code and code == code.lower() and " " not in code for code in codes)
    assert all(len(code) <= 60 for code in codes)  # CriterionReview.criterion
    assert {"markers-left", "template-text-unedited", "guide-present"} <= set(codes)


def test_report_as_json_is_plain_json_with_titles_in_the_written_standard():
    municipality = municipality_create(
        number="4602", name="Kinn", language="nn", host="kinn.example.no"
    )
    report = modellsjekk.run(municipality)
    data = json.loads(json.dumps(report.as_json()))
    assert [item["code"] for item in data] == [c.code for c in report.criteria]
    assert set(data[0]) == {"code", "title", "passed", "problems"}
    markers = next(item for item in data if item["code"] == "markers-left")
    assert markers["title"] == "Ingen plasshaldarar i hakeparentes står att"
    assert markers["passed"] is False
    assert all(isinstance(problem, str) for problem in markers["problems"])


def edit_link(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def level_of(municipality, key):
    return LevelPage.objects.child_of(municipality.site.root_page).get(level=key)


NEW_CRITERIA = [
    "struktur-kultur-per-level",
    "tiltak-kompetanse-per-level",
    "target-group-gravide",
    "external-partners",
    "grant-mandate",
    "grant-project-plan",
    "grant-training",
]


def test_demo_models_meet_every_new_criterion():
    for number in ("9901", "9902"):
        report = modellsjekk.run(Municipality.objects.get(number=number))
        for code in NEW_CRITERIA:
            assert by_code(report, code).passed, (number, code, by_code(report, code).problems)


def test_a_gap_left_as_dots_in_brackets_is_a_marker_left(eksempelvik):
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).first()
    element.body += "<p>Kontakt oss på [...] eller […].</p>"
    element.save_revision().publish()
    problems = by_code(modellsjekk.run(eksempelvik), "markers-left").problems
    assert [(p.message, p.fix_url) for p in problems] == [
        (
            f"{element.title} (innhold) har fortsatt plassholderne [...], […].",
            edit_link(element),
        )
    ]


def test_a_new_review_date_alone_leaves_the_page_marked_as_unedited_template_text(client):
    from samhandlingsmodell.tests.test_workflow import edit_data

    municipality = Municipality.objects.get(number="9901")
    element = ElementPage.objects.descendant_of(municipality.site.root_page).first()
    element.template_text = True
    element.save_revision().publish()
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    url = reverse("wagtailadmin_pages:edit", args=[element.pk])
    response = client.post(url, edit_data(element, last_reviewed="2026-12-01", template_text="on"))
    assert response.status_code == 302
    latest = ElementPage.objects.get(pk=element.pk).get_latest_revision_as_object()
    assert latest.last_reviewed.isoformat() == "2026-12-01"
    assert latest.template_text is True
    problems = by_code(modellsjekk.run(municipality), "template-text-unedited").problems
    assert [p.fix_url for p in problems] == [edit_link(element)]


def test_a_level_with_structure_only_fails_and_links_to_adding_an_element(eksempelvik):
    level = level_of(eksempelvik, "tjeneste")
    for element in ElementPage.objects.child_of(level).filter(dimension="kultur"):
        element.dimension = "struktur"
        element.save_revision()  # a draft counts as it will be published
    problems = by_code(modellsjekk.run(eksempelvik), "struktur-kultur-per-level").problems
    add = reverse("wagtailadmin_pages:add", args=["samhandlingsmodell", "elementpage", level.pk])
    assert [(p.message, p.fix_url) for p in problems] == [
        (f"{level.title} har ingen elementer i dimensjonen kultur.", add)
    ]


def test_a_level_without_competence_fails(eksempelvik):
    level = level_of(eksempelvik, "individ")
    for element in ElementPage.objects.child_of(level).filter(element_type="kompetanse"):
        element.element_type = "tiltak"
        element.save_revision().publish()
    problems = by_code(modellsjekk.run(eksempelvik), "tiltak-kompetanse-per-level").problems
    assert [p.message for p in problems] == [
        f"{level.title} har ingen elementer av typen kompetanse og opplæring."
    ]


def test_a_model_without_pregnant_women_among_its_target_groups_fails(eksempelvik):
    elements = ElementPage.objects.descendant_of(eksempelvik.site.root_page)
    ElementPage.target_groups.through.objects.filter(
        elementpage__in=elements, targetgroup__key="gravide"
    ).delete()
    report = modellsjekk.run(eksempelvik)
    problems = by_code(report, "target-group-gravide").problems
    assert len(problems) == 1 and "«Gravide»" in problems[0].message
    assert problems[0].fix_url == reverse(
        "wagtailadmin_pages:add",
        args=["samhandlingsmodell", "elementpage", level_of(eksempelvik, "individ").pk],
    )


def test_a_draft_that_adds_pregnant_women_as_target_group_counts(eksempelvik):
    elements = ElementPage.objects.descendant_of(eksempelvik.site.root_page)
    ElementPage.target_groups.through.objects.filter(
        elementpage__in=elements, targetgroup__key="gravide"
    ).delete()
    element = elements.first()
    element.target_groups = list(TargetGroup.objects.filter(key="gravide"))
    element.save_revision()
    assert by_code(modellsjekk.run(eksempelvik), "target-group-gravide").passed


def test_a_service_directory_without_partners_outside_the_municipality_fails(eksempelvik):
    home = eksempelvik.site.root_page
    ServicePage.objects.descendant_of(home).update(is_internal=True)
    problems = by_code(modellsjekk.run(eksempelvik), "external-partners").problems
    index = ServiceIndexPage.objects.child_of(home).get()
    assert len(problems) == 1
    assert problems[0].message.startswith(f"{index.title} nevner ingen samarbeidspartnere")
    assert problems[0].fix_url == reverse(
        "wagtailadmin_pages:add", args=["samhandlingsmodell", "servicepage", index.pk]
    )


def test_full_model_check_of_a_demo_model_stays_within_its_query_budget(
    eksempelvik, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        report = modellsjekk.run(eksempelvik)
    assert report.complete
