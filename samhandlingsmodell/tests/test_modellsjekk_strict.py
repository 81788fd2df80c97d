"""The stricter Modellsjekk (issue 14): stable criterion codes, the report as JSON, and the
criteria the grant scheme adds, each failing on a model that lacks what it names and passing
on the demo models."""

import json

import pytest

from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell import modellsjekk

pytestmark = pytest.mark.django_db


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
