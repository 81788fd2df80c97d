"""Every page of the stafettlogg renders for the people entitled to it, and says what they need."""

import re
from datetime import date
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from audit.models import AuditEvent
from audit.services import SYSTEM
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from stafettlogg import services
from stafettlogg.models import Evaluation, Goal, Log, Lysglimt, Measure, Meeting
from stafettlogg.selectors import log_settings

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


def action_groups(html: str) -> dict[str, list[str]]:
    """The log page's groups of actions: each group's name and the addresses of its links."""
    groups = re.findall(
        r'<details class="ds-details log-action-group"[^>]*>\s*'
        r"<summary>([^<]+)</summary>(.*?)</details>",
        html,
        re.S,
    )
    return {name: re.findall(r'href="([^"]+)"', body) for name, body in groups}


def test_holder_finds_the_actions_in_three_groups_below_the_summary(world: World) -> None:
    html = world.client("holder").get(url("log", world.log.pk)).content.decode()
    pk = world.log.pk
    assert action_groups(html) == {
        "Legg til innhold": [url("measure_add", pk)]
        + [url("entry_add", pk, kind) for kind in ("mote", "mal", "omrade", "niva")]
        + [url("entry_add", pk, kind) for kind in ("lysglimt", "stemme")],
        "Personer og samtykke": [
            url("guardian_add", pk),
            url("participant_add", pk),
            url("consent_new", pk),
        ],
        "Overlevering og avslutning": [url("handover_propose", pk), url("close", pk)],
    }
    # The log's summary first, then the actions, then the log itself.
    facts, actions = html.index('<dl class="facts">'), html.index('<nav class="log-actions"')
    assert facts < actions < html.index('id="h-measures"')


def test_guardian_finds_consent_among_people_and_consent(world: World) -> None:
    html = world.client("guardian").get(url("log", world.log.pk)).content.decode()
    groups = action_groups(html)
    assert url("consent_withdraw", world.log.pk) in groups["Personer og samtykke"]
    links = [href for hrefs in groups.values() for href in hrefs]
    assert url("measure_add", world.log.pk) not in links  # a professional's action


def test_guardian_sees_child_log_in_plain_language(world: World) -> None:
    client = world.client("guardian")
    html = client.get(url("mine")).content.decode()
    assert "Testbarn Ett" in html
    page = client.get(url("log", world.log.pk)).content.decode()
    assert "Trekk samtykket" in page
    assert "Hvem har åpnet loggen" in page


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "nb",
            [
                "<dt>Din rolle</dt><dd>stafettholder</dd>",
                "Loggen ble avsluttet {closed}: målet er nådd. Den kan leses, men ikke endres.",
                "Hvem som er med",
                "Ingen møter ennå.",
                "(Testbarnehagen) – <strong>stafettholder</strong>",
            ],
        ),
        (
            "nn",
            [
                "<dt>Rolla di</dt><dd>stafetthaldar</dd>",
                "Loggen vart avslutta {closed}: målet er nådd. Han kan lesast, men ikkje endrast.",
                "Kven som er med",
                "Ingen møte enno.",
                "(Testbarnehagen) – <strong>stafetthaldar</strong>",
            ],
        ),
    ],
)
def test_log_page_speaks_the_municipality_language(
    world: World, language: str, texts: list[str]
) -> None:
    """The log page's content (a Jinja2 template) is translated like the rest of the site,
    with dates in local time and in the language."""
    Municipality.objects.filter(pk=world.municipality.pk).update(language=language)
    services.log_close(SYSTEM, world.log, reason="goal")
    with translation.override(language):
        closed = formats.date_format(timezone.localdate(), "j. F Y")
    html = world.client("holder").get(url("log", world.log.pk)).content.decode()
    for text in texts:
        assert text.format(closed=closed) in html, text


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _add_entries(world: World, log: Log, count: int) -> None:
    holder = world.log.participants.get(role="holder") if log == world.log else None
    author = {"log": log, "author_name": "Hanne", "author_role": "stafettholder"}
    Goal.objects.bulk_create([Goal(text=f"Mål {i}", **author) for i in range(count)])
    Lysglimt.objects.bulk_create([Lysglimt(text=f"Glimt {i}", **author) for i in range(count)])
    Meeting.objects.bulk_create(
        [Meeting(held_on=date(2026, 1, 1), attendees="Alle", **author) for i in range(count)]
    )
    if holder is not None:
        measures = Measure.objects.bulk_create(
            [
                Measure(
                    description=f"Tiltak {i}",
                    responsible=holder,
                    unit=holder.unit,
                    start_date=date(2026, 1, 1),
                    evaluation_date=date(2026, 2, 1),
                    **author,
                )
                for i in range(count)
            ]
        )
        Evaluation.objects.bulk_create(
            [Evaluation(measure=m, evaluated_on=date(2026, 2, 1), text="Bra", **author)
             for m in measures]
        )  # fmt: skip


def test_log_page_queries_do_not_grow_with_entries(world: World) -> None:
    client = world.client("holder")
    path = url("log", world.log.pk)
    _add_entries(world, world.log, 1)  # one of each: every prefetch runs from now on
    _queries(client, path)  # first request: content types and the like
    few = _queries(client, path)
    _add_entries(world, world.log, 40)
    assert _queries(client, path) == few
    assert few <= 21


def test_mine_logger_queries_do_not_grow_with_logs(world: World) -> None:
    client = world.client("holder")
    _queries(client, url("mine"))
    one = _queries(client, url("mine"))
    membership = world.memberships["holder"]
    for i in range(5):
        log = services.log_create(
            SYSTEM,
            municipality=world.municipality,
            holder=membership,
            child_name=f"Ekstra {i}",
            child_birth_date=date(2020, 1, 1),
        )
        _add_entries(world, log, 3)
    html = client.get(url("mine")).content.decode()
    assert "Ekstra 4" in html
    assert _queries(client, url("mine")) == one
    assert one <= 10


@pytest.mark.smoke  # also on SQLite (make dev): the UNION and compiled queries
def test_log_page_shows_the_newest_entries_and_links_to_all(world: World) -> None:
    author = {"log": world.log, "author_name": "Hanne", "author_role": "stafettholder"}
    for i in range(15):  # one by one: each a later created_at
        Lysglimt.objects.create(text=f"Glimt nummer {i}.", **author)
    client = world.client("holder")
    html = client.get(url("log", world.log.pk)).content.decode()
    assert "Glimt nummer 14." in html
    assert "Glimt nummer 0." not in html  # older than the newest ten
    all_lysglimt = url("timeline", world.log.pk) + "?vis=lysglimt"
    link = re.search(rf'<a [^>]*href="{re.escape(all_lysglimt)}"[^>]*>([^<]*)</a>', html)
    assert link is not None
    assert "(15)" in link.group(1)
    timeline = client.get(all_lysglimt).content.decode()
    for i in range(15):
        assert f"Glimt nummer {i}." in timeline
    assert "Tiltak" not in timeline.split("<main")[1]  # only lysglimt


def test_log_page_has_no_link_to_all_when_everything_is_shown(world: World) -> None:
    html = world.client("holder").get(url("log", world.log.pk)).content.decode()
    assert "?vis=" not in html


def test_timeline_is_paginated(world: World) -> None:
    author = {"log": world.log, "author_name": "Hanne", "author_role": "stafettholder"}
    Goal.objects.bulk_create([Goal(text=f"Mål nummer {i}.", **author) for i in range(60)])
    client = world.client("holder")
    path = url("timeline", world.log.pk)
    first = client.get(path).content.decode()
    second = client.get(path + "?side=2").content.decode()
    assert first.count("Mål nummer ") == 50
    assert 'aria-current="page"' in first
    nav = re.search(r'<nav class="ds-pagination" aria-label="([^"]+)"', first)
    assert nav is not None and nav.group(1)
    assert "side=2" in first
    shown = set(re.findall(r"Mål nummer (\d+)\.", first + second))
    assert shown == {str(i) for i in range(60)}
    # The filtered list keeps its filter in the page links.
    goals = client.get(path + "?vis=mal").content.decode()
    assert "vis=mal&amp;side=2" in goals
    # Out-of-range and malformed page numbers give a page, not an error.
    assert client.get(path + "?side=99").status_code == 200
    assert client.get(path + "?side=x&vis=nonsense").status_code == 200


def test_timeline_queries_do_not_grow_with_entries(world: World) -> None:
    client = world.client("holder")
    path = url("timeline", world.log.pk)
    _add_entries(world, world.log, 1)
    _queries(client, path)
    few = _queries(client, path)
    _add_entries(world, world.log, 40)
    assert _queries(client, path) == few


@pytest.mark.smoke  # also on SQLite (make dev): the UNION and compiled queries
def test_log_page_shows_active_measures_with_their_newest_evaluations(world: World) -> None:
    holder = world.log.participants.get(role="holder")
    author = {"log": world.log, "author_name": "Hanne", "author_role": "stafettholder"}
    catalogue = (
        ElementPage.objects.descendant_of(world.log.municipality.site.root_page).live().first()
    )
    assert catalogue is not None

    def measure(description: str, evaluate_by: date, **extra: object) -> Measure:
        return Measure.objects.create(
            description=description,
            responsible=holder,
            unit=holder.unit,
            start_date=date(2026, 1, 1),
            evaluation_date=evaluate_by,
            **author,
            **extra,
        )

    measure("Tiltak senere", date(2026, 6, 1))
    sooner = measure("Tiltak snart", date(2026, 3, 1), catalogue_tiltak=catalogue)
    measure("Tiltak fullført", date(2026, 2, 1), status="completed")
    for day in range(1, 6):
        Evaluation.objects.create(
            measure=sooner, evaluated_on=date(2026, 2, day), text=f"Evaluering {day}.", **author
        )
    html = world.client("holder").get(url("log", world.log.pk)).content.decode()
    section = html.split('id="h-measures"')[1].split("</section>")[0]
    # Active measures only, the next evaluation first.
    assert "Tiltak fullført" not in section
    assert section.index("Tiltak snart") < section.index("Tiltak senere")
    # The three newest evaluations of each, newest first.
    shown = re.findall(r"Evaluering (\d)\.", section)
    assert shown == ["5", "4", "3"]
    # Who is responsible, and the catalogue page the measure comes from.
    assert holder.user.get_full_name() in section
    assert f'href="{urlparse(catalogue.url).path}"' in section and catalogue.title in section
    # "Vis alle" counts all measures, also the completed one.
    assert "(3)" in section
    # Each active measure links to its own evaluation form and status form.
    for active in Measure.objects.filter(log=world.log).exclude(status="completed"):
        assert f'href="{url("evaluation_add", world.log.pk, active.pk)}"' in section
        assert f'action="{url("measure_status", world.log.pk, active.pk)}"' in section


def test_the_administrator_changes_the_settings_and_adds_an_area_with_an_audit_record_each(
    world: World,
) -> None:
    client = world.client("admin")
    page = url("administration")
    settings_form = {
        "form": "settings",
        "set-consent_months": "6",
        "set-youth_consent_age": "15",
        "set-evaluation_notice_days": "7",
        "set-retention_months": "24",
    }
    assert client.post(page, settings_form).status_code == 302
    saved = log_settings(world.municipality)
    assert (saved.consent_months, saved.youth_consent_age) == (6, 15)
    assert AuditEvent.objects.filter(
        action="settings.change", municipality_id=world.municipality.pk
    ).exists()

    too_young = {**settings_form, "set-youth_consent_age": "9"}
    response = client.post(page, too_young)
    assert response.status_code == 200  # the form again, with the error
    assert log_settings(world.municipality).youth_consent_age == 15

    assert client.post(page, {"form": "category", "cat-name": "Søvn"}).status_code == 302
    assert world.municipality.attention_categories.filter(name="Søvn").exists()
    assert AuditEvent.objects.filter(
        action="category.create", municipality_id=world.municipality.pk
    ).exists()
