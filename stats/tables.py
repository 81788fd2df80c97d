"""The published tables of the statistics page: counts with small-number suppression applied
(``stats.suppression``), with labels and a caption, ready for the template. Nothing here reads
the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stats.suppression import suppress, suppress_counts


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]
    total: str | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    row_heading: str
    columns: list[str]
    rows: list[Row]
    footer: Row | None = None  # the column totals and the grand total
    withheld: bool = False
    has_total_column: bool = False
    total: str | None = None  # the grand total as published ("<5", ":" or a number)
    slug: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def protected(self) -> bool:
        """The grand total is hidden, or the table is: then its family is withheld."""
        return self.withheld or (self.total is not None and not self.total.isdigit())


def _count(counts: Mapping[Any, int], key: Any) -> int:
    return int(counts.get(key, 0))


def two_way(
    *,
    caption: str,
    slug: str,
    row_heading: str,
    rows: Sequence[tuple[Any, str]],
    columns: Sequence[tuple[Any, str]],
    counts: Mapping[tuple[Any, Any], int],
    total_label: str,
) -> Table:
    """A table by two things (rows × columns) with row, column and grand totals. The tables by
    one of the two are its totals: publish them from here, never suppressed on their own."""
    grid = [[_count(counts, (r, c)) for c, _label in columns] for r, _label in rows]
    if not grid:
        return Table(caption, row_heading, [label for _key, label in columns], [], slug=slug)
    result = suppress(grid)
    m, n = len(rows), len(columns)
    published = [
        Row(label, [result.text(i, j) for j in range(n)], result.text(i, n))
        for i, (_key, label) in enumerate(rows)
    ]
    footer = Row(total_label, [result.text(m, j) for j in range(n)], result.text(m, n))
    return Table(
        caption,
        row_heading,
        [label for _key, label in columns],
        published,
        footer,
        withheld=result.withheld,
        has_total_column=True,
        total=result.text(m, n),
        slug=slug,
    )


def one_way(
    *,
    caption: str,
    slug: str,
    row_heading: str,
    rows: Sequence[tuple[Any, str]],
    counts: Mapping[Any, int],
    count_heading: str,
    total_label: str,
) -> Table:
    """A table by one thing, with its total."""
    grid = [[_count(counts, key)] for key, _label in rows]
    if not grid:
        return Table(caption, row_heading, [count_heading], [], slug=slug)
    result = suppress(grid)
    m = len(rows)
    published = [Row(label, [result.text(i, 0)]) for i, (_key, label) in enumerate(rows)]
    return Table(
        caption,
        row_heading,
        [count_heading],
        published,
        Row(total_label, [result.text(m, 0)]),
        withheld=result.withheld,
        total=result.text(m, 0),
        slug=slug,
    )


def counts_only(
    *,
    caption: str,
    slug: str,
    row_heading: str,
    rows: Sequence[tuple[Any, str]],
    counts: Mapping[Any, int],
    count_heading: str,
    note: str,
) -> Table:
    """Counts that add up to nothing (one registration may have several categories): no
    total, so only the small ones are hidden."""
    texts = suppress_counts([_count(counts, key) for key, _label in rows])
    published = [Row(label, [text]) for (_key, label), text in zip(rows, texts, strict=True)]
    return Table(caption, row_heading, [count_heading], published, slug=slug, notes=[note])


@dataclass(frozen=True)
class Family:
    """Tables of the same things counted (e.g. the registrations of the period), which share
    their grand total. When any of them must hide it, all are withheld: a total hidden in one
    and shown in another would undo the protection."""

    heading: str
    slug: str
    tables: list[Table]
    withheld: bool
    empty: bool
