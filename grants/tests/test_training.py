"""The training register: records in the admin, validated; coverage per unit from each unit's
latest training in each topic, and the municipal total."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import Unit
from audit.services import SYSTEM
from grants.models import GrantProject, TrainingRecord, TrainingTopic
from grants.selectors.training import percent, training_coverage
from grants.services.training import training_add

pytestmark = pytest.mark.django_db
HOST = "eksempelvik.localhost"


def _project() -> GrantProject:
    return GrantProject.objects.get(municipality__number="9901")


def _units() -> list[Unit]:
    return list(Unit.objects.filter(municipality__number="9901").order_by("name")[:2])


def test_coverage_counts_each_units_latest_training_per_topic() -> None:
    project = _project()
    first, second = _units()
    day = datetime.date(2026, 4, 1)
    training_add(SYSTEM, project, unit=first, held_on=day, trained=2, staff_total=10)
    # A later training of the same unit in the same topic replaces the first in the coverage.
    training_add(
        SYSTEM,
        project,
        unit=first,
        held_on=day + datetime.timedelta(days=30),
        trained=7,
        staff_total=10,
    )
    training_add(SYSTEM, project, unit=second, held_on=day, trained=1, staff_total=3)
    training_add(
        SYSTEM,
        project,
        unit=second,
        held_on=day,
        trained=3,
        staff_total=3,
        topic=TrainingTopic.GUIDE,
    )
    coverage = training_coverage(project)
    rows = {
        (row.unit.pk, row.topic): (row.trained, row.staff_total, row.percent)
        for row in coverage.rows
    }
    assert rows == {
        (first.pk, TrainingTopic.BOTH): (7, 10, 70),
        (second.pk, TrainingTopic.BOTH): (1, 3, 33),
        (second.pk, TrainingTopic.GUIDE): (3, 3, 100),
    }
    assert coverage.by_topic[TrainingTopic.BOTH].percent == 62  # 8 of 13 = 61.5 → 62
    assert (coverage.total.trained, coverage.total.staff_total, coverage.total.percent) == (
        11,
        16,
        69,
    )
    assert first not in coverage.untrained_units and second not in coverage.untrained_units


def test_percent_rounds_halves_up_and_an_empty_whole_is_zero() -> None:
    assert percent(1, 8) == 13  # 12.5
    assert percent(1, 3) == 33
    assert percent(0, 0) == 0


def test_coverage_with_no_training_lists_every_unit_as_untrained() -> None:
    coverage = training_coverage(_project())
    assert coverage.rows == [] and coverage.total.percent == 0
    assert len(coverage.untrained_units) == Unit.objects.filter(municipality__number="9901").count()


def test_more_trained_than_staff_and_another_municipalitys_unit_are_refused() -> None:
    project = _project()
    unit = _units()[0]
    with pytest.raises(ValidationError) as error:
        training_add(
            SYSTEM,
            project,
            unit=unit,
            held_on=datetime.date(2026, 4, 1),
            trained=11,
            staff_total=10,
        )
    assert "trained" in error.value.message_dict
    other = Unit.objects.filter(municipality__number="9902").first()
    with pytest.raises(ValidationError) as error:
        training_add(
            SYSTEM,
            project,
            unit=other,
            held_on=datetime.date(2026, 4, 1),
            trained=1,
            staff_total=10,
        )
    assert "unit" in error.value.message_dict


def test_the_project_leader_records_edits_and_deletes_a_training_in_the_admin() -> None:
    leader = Client(HTTP_HOST=HOST)
    leader.force_login(User.objects.get(username="eksempelvik-koordinator"))
    unit = _units()[0]
    form = leader.get("/admin/tilskudd/9901/opplaering/ny/").content.decode()
    assert unit.name in form
    assert "Fjordvik" not in form  # only the municipality's own units
    too_many = leader.post(
        "/admin/tilskudd/9901/opplaering/ny/",
        {
            "unit": unit.pk,
            "topic": "both",
            "held_on": "2026-04-01",
            "trained": "12",
            "staff_total": "10",
        },
    )
    assert "kan ikke være større enn antall ansatte i enheten (10)" in too_many.content.decode()
    saved = leader.post(
        "/admin/tilskudd/9901/opplaering/ny/",
        {
            "unit": unit.pk,
            "topic": "both",
            "roles": "Lærere",
            "held_on": "2026-04-01",
            "trained": "8",
            "staff_total": "10",
        },
    )
    assert saved.status_code == 302
    training = TrainingRecord.objects.get(project__municipality__number="9901")
    index = leader.get("/admin/tilskudd/9901/opplaering/").content.decode()
    assert "80 %" in index and "8 av 10" in index
    assert "80 %" in leader.get("/admin/tilskudd/9901/").content.decode()
    edited = leader.post(
        f"/admin/tilskudd/9901/opplaering/{training.pk}/",
        {
            "unit": unit.pk,
            "topic": "model",
            "held_on": "2026-04-02",
            "trained": "9",
            "staff_total": "10",
        },
    )
    assert edited.status_code == 302
    training.refresh_from_db()
    assert training.trained == 9 and training.topic == "model"
    assert leader.get(f"/admin/tilskudd/9901/opplaering/{training.pk}/slett/").status_code == 200
    leader.post(f"/admin/tilskudd/9901/opplaering/{training.pk}/slett/")
    assert not TrainingRecord.objects.filter(pk=training.pk).exists()


def test_the_training_pages_read_a_bounded_number_of_queries(django_assert_max_num_queries) -> None:
    project = _project()
    for unit in Unit.objects.filter(municipality__number="9901"):
        training_add(
            SYSTEM, project, unit=unit, held_on=datetime.date(2026, 4, 1), trained=1, staff_total=2
        )
    leader = Client(HTTP_HOST=HOST)
    leader.force_login(User.objects.get(username="eksempelvik-koordinator"))
    training = TrainingRecord.objects.filter(project=project).first()
    for url in [
        "/admin/tilskudd/9901/opplaering/",
        "/admin/tilskudd/9901/opplaering/ny/",
        f"/admin/tilskudd/9901/opplaering/{training.pk}/",
        "/admin/tilskudd/9901/",
    ]:
        leader.get(url)
        with django_assert_max_num_queries(30):
            assert leader.get(url).status_code == 200, url
