"""The leaders' statistics page: the demo's and the tests' rows counted correctly (expected
numbers worked out here from the rows, in Python), small numbers suppressed, no one else let
in, and a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import StaffMembership, StaffRole
from stafettlogg.models import Log, Participant
from stats.age_groups import AgeGroup, age_group_of
from stats.models import AnonymousRegistration

from .conftest import HOST_A, HOST_B, World, verified_client

pytestmark = pytest.mark.django_db
URL = "/statistikk/"


class _Tables(HTMLParser):
    """{table id: [[row label, cell, cell, ...], ...]} of a page (the header row left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag == "table":
            self._table = dict(attrs).get("id", "")
            self.tables[self._table] = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None and not self._in_head:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def agrees(shown: str, count: int) -> bool:
    """A published cell agrees with the true count: zeros and counts of 5 or more as they are
    (or hidden as ':'), 1-4 always as '<5'."""
    if 1 <= count <= 4:
        return shown == "<5"
    return shown == str(count) or (count >= 5 and shown == ":")


def this_year() -> tuple[date, date]:
    year = timezone.localdate().year
    return date(year, 1, 1), date(year, 12, 31)


def test_the_leader_sees_the_registrations_counted_correctly(
    world: World, leader_client: Client
) -> None:
    start, end = this_year()
    rows = list(
        AnonymousRegistration.objects.filter(
            municipality=world.municipality, registered_on__range=(start, end)
        ).select_related("unit")
    )
    assert len(rows) >= 5  # the demo's registrations
    page = leader_client.get(URL)
    assert page.status_code == 200
    tables = tables_of(page.content.decode())

    by_unit_level = Counter((row.unit.name, row.bti_level) for row in rows)
    by_unit = Counter(row.unit.name for row in rows)
    for label, *cells, total in tables["registreringer-enhet-niva"][:-1]:
        for level, shown in enumerate(cells):
            assert agrees(shown, by_unit_level[(label, level)]), (label, level, shown)
        assert agrees(total, by_unit[label]), (label, total)
    _label, *level_totals, grand = tables["registreringer-enhet-niva"][-1]
    by_level = Counter(row.bti_level for row in rows)
    for level, shown in enumerate(level_totals):
        assert agrees(shown, by_level[level])
    assert grand == str(len(rows))

    by_outcome = Counter(row.get_outcome_display() for row in rows)
    for label, shown in tables["registreringer-utfall"][:-1]:
        assert agrees(shown, by_outcome[label]), (label, shown)
    assert tables["registreringer-utfall"][-1][-1] == str(len(rows))

    by_age = Counter(row.get_age_group_display() for row in rows)
    for label, shown in tables["registreringer-alder"][:-1]:
        assert agrees(shown, by_age[label]), (label, shown)

    by_category = Counter(category.name for row in rows for category in row.categories.all())
    for label, shown in tables["registreringer-omrade"]:
        assert agrees(shown, by_category[label]), (label, shown)


def test_small_numbers_are_suppressed_and_their_complements_hidden(
    world: World, leader_client: Client
) -> None:
    # The demo's fourth unit has 3 registrations: never shown as a number.
    start, end = this_year()
    counts = Counter(
        AnonymousRegistration.objects.filter(
            municipality=world.municipality, registered_on__range=(start, end)
        ).values_list("unit__name", flat=True)
    )
    small = [name for name, count in counts.items() if 1 <= count <= 4]
    assert small
    table = tables_of(leader_client.get(URL).content.decode())["registreringer-enhet-niva"]
    for label, *_cells, total in table:
        if label in small:
            assert total == "<5"
            assert ":" in [row[-1] for row in table] or "<5" in [
                row[-1] for row in table if row[0] != label
            ]


def test_the_leader_sees_the_logs_counted_correctly(world: World, leader_client: Client) -> None:
    now = timezone.now()
    for number, level in enumerate([1, 1, 2, 2, 2, 2, 2, 3, 0]):
        log = Log.objects.create(
            municipality=world.municipality,
            status="active",
            child_name=f"Tellebarn {number}",
            child_birth_date=date(2015, 1, 1),
            bti_level=level,
            activated_at=now,
        )
        Participant.objects.create(
            log=log, user=world.users["holder"], unit=world.kindergarten, role="holder"
        )
    start, end = this_year()
    logs = [
        log
        for log in Log.objects.filter(municipality=world.municipality)
        if log.activated_at and start <= timezone.localdate(log.activated_at) <= end
    ]
    tables = tables_of(leader_client.get(URL).content.decode())
    by_level = Counter(log.bti_level for log in logs)
    level_table = tables["logger-niva"]
    for level, (_label, shown) in enumerate(level_table[:-1]):
        assert agrees(shown, by_level[level])
    assert level_table[-1][-1] == str(len(logs))
    by_unit = Counter(
        log.participants.get(role="holder", removed_at__isnull=True).unit.name for log in logs
    )
    for label, shown in tables["logger-enhet"][:-1]:
        assert agrees(shown, by_unit[label]), (label, shown)
    by_age = Counter(
        str(AgeGroup(age_group_of(log.child_age(timezone.localdate(log.activated_at)))).label)
        for log in logs
    )
    for label, shown in tables["logger-alder"][:-1]:
        assert agrees(shown, by_age[label]), (label, shown)
    assert tables["logger-alder"][-1][-1] == str(len(logs))
    assert "Tellebarn" not in leader_client.get(URL).content.decode()


def test_a_leader_in_fjordvik_reads_nynorsk_and_fjordviks_own_counts(
    world: World, foreign_leader
) -> None:
    client = verified_client(foreign_leader, HOST_B)
    page = client.get(URL).content.decode()
    assert "Registreringar etter eining og høgaste BTI-nivå" in page
    start, end = this_year()
    total = AnonymousRegistration.objects.filter(
        municipality=world.other_municipality, registered_on__range=(start, end)
    ).count()
    table = tables_of(page)["registreringer-enhet-niva"]
    assert table[-1][-1] == str(total)
    assert "Testbarnehagen" not in page  # Eksempelvik's unit


def test_the_period_can_be_a_quarter_a_half_year_or_dates_of_ones_own(
    world: World, leader_client: Client
) -> None:
    year = timezone.localdate().year
    for query, heading in [
        (f"?kind=quarter&year={year}&part=2", f"2. kvartal {year}"),
        (f"?kind=half&year={year}&part=1", f"1. halvår {year}"),
        (f"?kind=custom&start={year}-03-01&end={year}-03-31", "01.03."),
    ]:
        page = leader_client.get(URL + query).content.decode()
        assert heading in page, query
    quarter = tables_of(
        leader_client.get(URL + f"?kind=quarter&year={year}&part=4").content.decode()
    )
    expected = AnonymousRegistration.objects.filter(
        municipality=world.municipality,
        registered_on__range=(date(year, 10, 1), date(year, 12, 31)),
    ).count()
    if expected >= 5:
        assert quarter["registreringer-enhet-niva"][-1][-1] == str(expected)
    wrong = leader_client.get(URL + f"?kind=custom&start={year}-05-01&end={year}-04-01")
    assert "Perioden må slutte etter at den begynner." in wrong.content.decode()


def test_a_period_with_few_registrations_shows_no_table(
    world: World, leader_client: Client
) -> None:
    page = leader_client.get(URL + "?kind=custom&start=2001-01-01&end=2001-12-31").content.decode()
    assert "Ingenting å telle i denne perioden." in page
    AnonymousRegistration.objects.create(
        municipality=world.municipality,
        registered_on=date(2001, 5, 5),
        unit=world.kindergarten,
        age_group="3-5",
        bti_level=0,
        outcome="none",
    )
    page = leader_client.get(URL + "?kind=custom&start=2001-01-01&end=2001-12-31").content.decode()
    assert "For få i denne perioden til å vise tabeller uten å avsløre små tall." in page
    assert "registreringer-enhet-niva" not in tables_of(page)


@pytest.mark.parametrize("role", ["holder", "actor", "leader", "admin", "guardian"])
def test_staff_without_the_leaders_role_get_404(world: World, role: str) -> None:
    assert world.client(role).get(URL).status_code == 404


def test_the_project_leader_reads_the_statistics(world: World) -> None:
    membership = StaffMembership.objects.create(
        user=world.users["admin"], municipality=world.municipality, role=StaffRole.PROJECT_LEADER
    )
    assert world.client("admin").get(URL).status_code == 200
    membership.delete()


def test_a_leader_of_another_municipality_gets_404(world: World, foreign_leader) -> None:
    assert verified_client(foreign_leader, HOST_A).get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(world: World) -> None:
    response = Client(HTTP_HOST=HOST_A).get(URL)
    assert response.status_code == 302 and "/stafettlogg/logg-inn/" in response["Location"]


def test_the_page_reads_the_same_number_of_queries_for_more_rows(
    world: World, leader_client: Client, django_assert_max_num_queries
) -> None:
    """5 for the request (tenant, session, user, second factor, roles), 12 or 13 for the
    tables (units, areas, ten counts, and the tiltak's titles when there are measures); the
    first request of a session also writes it and reads a content type once per process."""
    with django_assert_max_num_queries(21):
        assert leader_client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as before:
        assert leader_client.get(URL).status_code == 200
    assert len(before) <= 18
    AnonymousRegistration.objects.bulk_create(
        AnonymousRegistration(
            municipality=world.municipality,
            registered_on=timezone.localdate(),
            unit=unit,
            age_group="6-9",
            bti_level=1,
            outcome="own",
        )
        for unit in (world.kindergarten, world.school, world.health)
        for _n in range(40)
    )
    with CaptureQueriesContext(connection) as after:
        assert leader_client.get(URL).status_code == 200
    assert len(after) == len(before)
