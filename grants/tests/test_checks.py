"""Modellsjekk's criteria from the grant project (grants.checks through the
register_modellsjekk_criteria hook): a mandate, a project plan and recorded training, for a
municipality with a grant project only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.services import SYSTEM
from grants import services
from grants.models import GrantProject
from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell import modellsjekk

pytestmark = pytest.mark.django_db
GRANT_CODES = ["grant-mandate", "grant-project-plan", "grant-training"]


def grant_results(municipality: Municipality) -> dict[str, list[tuple[str, str]]]:
    report = modellsjekk.run(municipality)
    return {
        c.code: [(p.message, p.fix_url) for p in c.problems]
        for c in report.criteria
        if c.code.startswith("grant-")
    }


def eksempelvik_project() -> GrantProject:
    return GrantProject.objects.select_related("municipality__site").get(
        municipality__number="9901"
    )


def test_demo_projects_have_mandate_plan_and_training() -> None:
    for number in ("9901", "9902"):
        results = grant_results(Municipality.objects.get(number=number))
        assert results == dict.fromkeys(GRANT_CODES, [])


def test_a_municipality_without_a_grant_project_gets_no_grant_criteria() -> None:
    municipality = municipality_create(
        number="4601", name="Bergen", language="nb", host="bergen.example.no"
    )
    assert grant_results(municipality) == {}


def test_a_project_without_mandate_fails_until_the_adopted_document_is_attached() -> None:
    from wagtail.documents import get_document_model

    project = eksempelvik_project()
    project.mandate = " "
    project.save()
    url = reverse("grants_review_index", args=["9901"])
    assert grant_results(project.municipality)["grant-mandate"] == [
        (
            "Tilskuddsprosjektet har ikke noe mandat: skriv det inn eller legg ved det vedtatte "
            "dokumentet.",
            url,
        )
    ]
    project.mandate_document = get_document_model().objects.create(
        title="Mandat", collection=project.municipality.collection, file="mandat.pdf"
    )
    project.save()
    assert grant_results(project.municipality)["grant-mandate"] == []


def test_a_project_without_plan_fails() -> None:
    project = eksempelvik_project()
    project.project_plan = ""
    project.save()
    problems = grant_results(project.municipality)["grant-project-plan"]
    assert len(problems) == 1 and "ingen prosjektplan" in problems[0][0]


def test_a_project_without_training_fails_in_nynorsk_too() -> None:
    project = GrantProject.objects.get(municipality__number="9902")
    project.trainings.all().delete()
    problems = grant_results(project.municipality)["grant-training"]
    assert [message for message, _url in problems] == [
        "Inga opplæring er registrert: registrer kva einingar som har fått opplæring i "
        "modellen og handlingsrettleiaren, og kor mange av dei tilsette."
    ]


def test_the_grant_criteria_come_after_the_guides_and_before_publication() -> None:
    codes = [c.code for c in modellsjekk.run(Municipality.objects.get(number="9901")).criteria]
    assert codes.index("guide-present") < codes.index("grant-mandate")
    assert codes.index("grant-training") < codes.index("model-published")


def test_a_submission_keeps_modellsjekk_as_the_reports_json() -> None:
    from django.contrib.auth.models import User

    project = eksempelvik_project()
    project.trainings.all().delete()
    leader = User.objects.get(username="eksempelvik-koordinator")
    submission = services.submission_create(SYSTEM, project, user=leader)
    assert submission.modellsjekk == modellsjekk.run(project.municipality).as_json()
    training = next(item for item in submission.modellsjekk if item["code"] == "grant-training")
    assert training["passed"] is False
    assert training["title"] == "Opplæring i modellen er registrert"


def test_the_dashboard_shows_the_projects_problems_as_a_step_of_their_own() -> None:
    from django.utils import translation

    from samhandlingsmodell import next_steps

    project = eksempelvik_project()
    project.mandate = ""
    project.save()
    with translation.override("nb"):
        steps = next_steps.model_steps(modellsjekk.run(project.municipality))
    assert steps[0].title == "Fyll inn kommuneopplysninger" and steps[0].done
    outside = [s for s in steps if s.title == "Fullfør det Modellsjekk ber om utenfor modellen"]
    assert [(s.done, s.url) for s in outside] == [
        (False, reverse("grants_review_index", args=["9901"]))
    ]
    assert next_steps.next_step(steps) == outside[0]
