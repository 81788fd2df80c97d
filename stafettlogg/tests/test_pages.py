"""Every page of the stafettlogg renders for the people entitled to it, and says what they need."""

import pytest
from django.urls import reverse

from .conftest import World

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"stafettlogg:{name}", args=args)


def test_holder_sees_log_with_all_sections(world: World) -> None:
    response = world.client("holder").get(url("log", world.log.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Testbarn Ett", "Tiltak", "Møter", "Lysglimt", "Samtykke", "Testbarnehagen"]:
        assert text in html, text
    assert world.guardian_fnr not in html
    assert "Testbarn" not in html.split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize(
    "name", ["timeline", "access_history", "measure_add", "participant_add", "handover_propose"]
)
def test_holder_pages_render(world: World, name: str) -> None:
    response = world.client("holder").get(url(name, world.log.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["omrade", "mal", "mote", "niva", "lysglimt", "stemme"])
def test_entry_forms_render(world: World, kind: str) -> None:
    response = world.client("holder").get(url("entry_add", world.log.pk, kind))
    assert response.status_code == 200


def test_mine_lists_own_logs_only(world: World) -> None:
    html = world.client("holder").get(url("mine")).content.decode()
    assert "Testbarn Ett" in html
    assert "Testbarn To" not in html


def test_guardian_sees_child_log_in_plain_language(world: World) -> None:
    client = world.client("guardian")
    html = client.get(url("mine")).content.decode()
    assert "Testbarn Ett" in html
    page = client.get(url("log", world.log.pk)).content.decode()
    assert "Trekk samtykket" in page
    assert "Hvem har åpnet loggen" in page
