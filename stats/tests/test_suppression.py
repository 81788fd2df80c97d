"""Small-number suppression: no hidden entry of a published table can be worked out from what
the table shows, checked by exhaustive search over whole-number tables that agree with it
(independent of the graph reasoning in stats.suppression)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from stats.suppression import (
    PRIMARY_TEXT,
    SECONDARY_TEXT,
    Mark,
    Suppression,
    augmented,
    suppress,
    suppress_counts,
)

# Small counts are the interesting ones: many 0–6, some larger.
COUNT = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(5, 25))


def tables(max_rows: int = 3, max_columns: int = 3) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_rows).flatmap(
        lambda rows: st.integers(1, max_columns).flatmap(
            lambda columns: st.lists(
                st.lists(COUNT, min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    )


def _fits(value: int, text: str) -> bool:
    """Whether ``value`` agrees with what the published table shows for an entry."""
    if text == PRIMARY_TEXT:
        return 1 <= value <= 4
    if text == SECONDARY_TEXT:
        return value >= 5
    return value == int(text)


def possible_values(published: list[list[str]], truth: list[list[int]], reach: int = 2) -> dict:
    """For every hidden entry, the values it takes in the tables of whole numbers that agree
    with ``published`` (searching each hidden cell within ``reach`` of its true value: a
    table that agrees differs from the truth by moves of one along cycles, so another
    value, when there is one, is found close by)."""
    rows, columns = len(truth), len(truth[0])
    hidden = [(i, j) for i in range(rows) for j in range(columns) if not published[i][j].isdigit()]
    ranges = [
        [
            v
            for v in range(max(0, truth[i][j] - reach), truth[i][j] + reach + 1)
            if _fits(v, published[i][j])
        ]
        for i, j in hidden
    ]
    seen: dict[tuple[int, int], set[int]] = {}
    for values in itertools.product(*ranges):
        table = [row[:] for row in truth]
        for (i, j), value in zip(hidden, values, strict=True):
            table[i][j] = value
        grid = augmented(table)
        if all(
            _fits(grid[i][j], published[i][j]) for i in range(rows + 1) for j in range(columns + 1)
        ):
            for i in range(rows + 1):
                for j in range(columns + 1):
                    if not published[i][j].isdigit():
                        seen.setdefault((i, j), set()).add(grid[i][j])
    return seen


def published_texts(result: Suppression) -> list[list[str]]:
    return [[result.text(i, j) for j in range(len(row))] for i, row in enumerate(result.grid)]


def revealed_entries(published: list[list[str]], truth: list[list[int]]) -> list:
    seen = possible_values(published, truth)
    hidden = [
        (i, j)
        for i, row in enumerate(published)
        for j, text in enumerate(row)
        if not text.isdigit()
    ]
    return [entry for entry in hidden if len(seen.get(entry, set())) < 2]


@settings(max_examples=150, deadline=None)
@given(tables())
def test_no_hidden_entry_can_be_worked_out_from_the_published_table(counts):
    result = suppress(counts)
    if result.withheld:
        return
    published = published_texts(result)
    # Every count from 1 to 4 is hidden, cells and totals alike; zeros are shown.
    for i, row in enumerate(result.grid):
        for j, value in enumerate(row):
            if 1 <= value <= 4:
                assert published[i][j] == PRIMARY_TEXT
            if value == 0:
                assert published[i][j] == "0"
    assert revealed_entries(published, counts) == []


@settings(max_examples=100, deadline=None)
@given(tables())
def test_tables_without_small_counts_are_shown_whole(counts):
    big = [[value if value == 0 or value >= 5 else value + 5 for value in row] for row in counts]
    result = suppress(big)
    assert not result.withheld
    assert all(mark == Mark.SHOWN for row in result.marks for mark in row)


def test_a_lone_small_cell_takes_a_complement_in_its_row_and_column():
    result = suppress([[3, 10, 12], [20, 6, 7], [8, 9, 30]])
    published = published_texts(result)
    assert published[0][0] == PRIMARY_TEXT
    assert sum(text == SECONDARY_TEXT for text in published[0]) >= 1
    assert sum(row[0] == SECONDARY_TEXT for row in published) >= 1
    assert revealed_entries(published, [[3, 10, 12], [20, 6, 7], [8, 9, 30]]) == []


def test_a_small_cell_beside_a_hidden_five_is_protected_by_the_totals_too():
    # 1 + 5 = 6: knowing that ":" is at least 5, the row total 6 would give the 1 away.
    counts = [[1, 5], [5, 5]]
    published = published_texts(suppress(counts))
    assert published[0][2] != "6"
    assert revealed_entries(published, counts) == []


def test_overlapping_tables_reveal_nothing_when_one_is_the_margin_of_the_other():
    """By unit and by unit × level: the table by unit is published as the row totals of the
    suppressed two-way table, never suppressed on its own. Suppressed on its own it would
    show the row total 6 that the two-way table hides, and give the 1 away."""
    by_unit_and_level = [[1, 5], [5, 5]]
    linked = published_texts(suppress(by_unit_and_level))
    by_unit_linked = [row[-1] for row in linked[:-1]] + [linked[-1][-1]]
    by_unit_alone = suppress([[6], [10]])
    by_unit_alone_texts = [by_unit_alone.text(0, 0), by_unit_alone.text(1, 0)]
    assert by_unit_alone_texts == ["6", "10"]  # nothing small on its own
    assert by_unit_linked[:2] != ["6", "10"]

    # Together with the separately suppressed table, the two-way table gives the 1 away.
    combined = [row[:] for row in linked]
    combined[0][2], combined[1][2] = by_unit_alone_texts
    assert (0, 0) in revealed_entries(combined, by_unit_and_level)
    # Linked, it does not.
    assert revealed_entries(linked, by_unit_and_level) == []


@settings(max_examples=60, deadline=None)
@given(tables(max_rows=3, max_columns=2))
def test_the_margins_published_as_one_way_tables_add_nothing(counts):
    """The one-way tables by row and by column are the two-way table's margins, so showing
    them beside it shows no entry the two-way table hides."""
    result = suppress(counts)
    if result.withheld:
        return
    published = published_texts(result)
    by_row = [row[-1] for row in published]
    by_column = published[-1]
    assert by_row == [published[i][-1] for i in range(len(published))]
    assert by_column == published[-1]
    assert revealed_entries(published, counts) == []


def test_counts_without_a_total_hide_only_the_small_ones():
    assert suppress_counts([0, 1, 4, 5, 12]) == ["0", "<5", "<5", "5", "12"]
