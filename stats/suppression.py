"""Small-number suppression of the published tables (docs/statistics-suppression.md).

A table of counts is published with its row totals, column totals and grand total. Every
entry from 1 to 4 (cells and totals alike) is shown as "<5" (primary suppression). Other
entries are then hidden (secondary suppression, shown as ":") until no hidden value can be
worked out from what is shown:

1. In every row and column (totals included) with exactly one hidden entry, hide the smallest
   shown entry of 5 or more; repeat until nothing changes.
2. Check the table exactly (``determined``): an entry is revealed when every table of whole
   numbers that agrees with what is shown gives it the same value, knowing that "<5" is 1–4
   and ":" is 5 or more (zeros are always shown, so a hidden entry is never 0). For each
   revealed entry, hide the smallest shown entry of 5 or more in its row or column (or, when
   there is none, in the table), and go back to 1. If there is none left, the table is
   withheld.

The check: write the table with its totals as one grid in which every row and column sums to
zero (totals negated, the grand total as it is). Two tables that show the same differ by a
circulation on the bipartite graph of rows and columns whose edges are the hidden entries.
Because each hidden entry's possible values form an interval (1–4, or 5 and up), a hidden
entry can take another value exactly when it lies on a cycle of that graph along which every
entry can move one step (up on one edge, down on the next) and stay in its interval: any
other solution splits into such cycles, each inside the range between the two solutions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

SMALL_MAX = 4  # counts 1..SMALL_MAX are never shown


class Mark(StrEnum):
    SHOWN = ""
    PRIMARY = "primary"  # 1–4, shown as "<5"
    SECONDARY = "secondary"  # 5 or more, hidden to protect a small one, shown as ":"


PRIMARY_TEXT = "<5"
SECONDARY_TEXT = ":"

Grid = list[list[int]]
Marks = list[list[Mark]]


def augmented(counts: Sequence[Sequence[int]]) -> Grid:
    """The table with its row totals as the last column, its column totals as the last row
    and the grand total in the corner."""
    rows = [list(row) for row in counts]
    if any(value < 0 for row in rows for value in row):
        raise ValueError("counts are never negative")
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row has the same number of columns")
    grid = [[*row, sum(row)] for row in rows]
    totals = [sum(row[j] for row in rows) for j in range(width)]
    grid.append([*totals, sum(totals)])
    return grid


def _domain(value: int, mark: Mark) -> tuple[int, float]:
    if mark == Mark.PRIMARY:
        return 1, SMALL_MAX
    if mark == Mark.SECONDARY:
        return SMALL_MAX + 1, float("inf")
    return value, value


def determined(grid: Grid, marks: Marks) -> list[tuple[int, int]]:
    """The hidden entries of ``grid`` (an augmented table) whose value can be worked out from
    the shown entries, the totals and what "<5" and ":" say (see the module's docstring)."""
    m, n = len(grid) - 1, len(grid[0]) - 1
    # Nodes: rows 0..m, then columns as m+1+j. arcs[node] = list of (next node, entry).
    arcs: dict[int, list[tuple[int, tuple[int, int]]]] = {k: [] for k in range(m + n + 2)}
    hidden = []
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            mark = marks[i][j]
            if mark == Mark.SHOWN:
                continue
            hidden.append((i, j))
            sign = 1 if (i < m) == (j < n) else -1  # totals enter the zero-sum grid negated
            low, high = _domain(value, mark)
            row_node, column_node = i, m + 1 + j
            if low <= value + sign <= high:  # the grid's entry can go up one step
                arcs[row_node].append((column_node, (i, j)))
            if low <= value - sign <= high:  # ... or down one step
                arcs[column_node].append((row_node, (i, j)))
    revealed = []
    for i, j in hidden:
        row_node, column_node = i, m + 1 + j
        up = any(entry == (i, j) for _node, entry in arcs[row_node])
        down = any(entry == (i, j) for _node, entry in arcs[column_node])
        free = (up and _reaches(arcs, column_node, row_node, (i, j))) or (
            down and _reaches(arcs, row_node, column_node, (i, j))
        )
        if not free:
            revealed.append((i, j))
    return revealed


def _reaches(
    arcs: dict[int, list[tuple[int, tuple[int, int]]]],
    start: int,
    goal: int,
    without: tuple[int, int],
) -> bool:
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following, entry in arcs[node]:
            if entry == without or following in seen:
                continue
            if following == goal:
                return True
            seen.add(following)
            queue.append(following)
    return False


def _smallest_shown(
    grid: Grid, marks: Marks, entries: list[tuple[int, int]]
) -> tuple[int, int] | None:
    candidates = [
        (grid[i][j], i, j)
        for i, j in entries
        if marks[i][j] == Mark.SHOWN and grid[i][j] > SMALL_MAX
    ]
    if not candidates:
        return None
    _value, i, j = min(candidates)
    return i, j


def _lines(grid: Grid) -> list[list[tuple[int, int]]]:
    rows = [[(i, j) for j in range(len(grid[0]))] for i in range(len(grid))]
    columns = [[(i, j) for i in range(len(grid))] for j in range(len(grid[0]))]
    return rows + columns


@dataclass(frozen=True)
class Suppression:
    grid: Grid  # the augmented table
    marks: Marks
    withheld: bool  # nothing of the table may be shown

    def text(self, i: int, j: int) -> str:
        """What the published table shows for entry (i, j) of the augmented table."""
        mark = self.marks[i][j]
        if mark == Mark.PRIMARY:
            return PRIMARY_TEXT
        if mark == Mark.SECONDARY:
            return SECONDARY_TEXT
        return str(self.grid[i][j])


def suppress(counts: Sequence[Sequence[int]]) -> Suppression:
    """Primary and secondary suppression of a table of counts and its totals."""
    grid = augmented(counts)
    marks: Marks = [
        [Mark.PRIMARY if 1 <= value <= SMALL_MAX else Mark.SHOWN for value in row] for row in grid
    ]
    lines = _lines(grid)
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                if sum(marks[i][j] != Mark.SHOWN for i, j in line) == 1:
                    complement = _smallest_shown(grid, marks, line)
                    if complement is not None:
                        marks[complement[0]][complement[1]] = Mark.SECONDARY
                        changed = True
        revealed = determined(grid, marks)
        if not revealed:
            return Suppression(grid, marks, withheld=False)
        i, j = revealed[0]
        width, height = len(grid[0]), len(grid)
        complement = _smallest_shown(
            grid, marks, [(i, k) for k in range(width)] + [(k, j) for k in range(height)]
        ) or _smallest_shown(grid, marks, [(k, h) for k in range(height) for h in range(width)])
        if complement is None:
            return Suppression(grid, [[Mark.SECONDARY] * width for _row in grid], withheld=True)
        marks[complement[0]][complement[1]] = Mark.SECONDARY


def suppress_counts(counts: Sequence[int]) -> list[str]:
    """Counts with no total (one registration may count in several of them, as with the
    concern categories): each stands alone, so only the small ones are hidden."""
    return [PRIMARY_TEXT if 1 <= value <= SMALL_MAX else str(value) for value in counts]
