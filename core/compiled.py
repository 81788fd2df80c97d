"""Read queries built with the ORM once per process and run many times with new arguments.

Building and compiling a queryset costs far more than PostgreSQL takes to run a small query
(a UNION of six ranked parts: ~25 ms of Python against ~3 ms in the database). For the few
reads on every request of a hot page, ``CompiledQuery`` compiles the queryset once, with
placeholder arguments, and then only swaps the arguments in, runs the SQL and passes the rows
through the same converters as the ORM (so dates are dates on SQLite too). The queries return
values (``values_list``); where callers need model instances, the query selects
``model_columns`` of each model and ``instance_from`` makes the instance from its part of a
row as the ORM does (``Model.from_db``). The SQL is derived from code, not from data, so
nothing of a request stays in the process.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.expressions import Col

M = TypeVar("M", bound=Model)

# For each column that has any: its position in the row, and its converters with the
# expression they are called with (what ``SQLCompiler.get_converters`` gives).
Converters = dict[int, tuple[list[Callable[..., Any]], Any]]


def field_column(model: type[Model], name: str, alias: str) -> Col:
    """The column of ``model``'s field ``name`` in a query where its table is ``alias``: what
    ``column_converters`` needs to convert its values as the ORM does."""
    field = model._meta.get_field(name)
    return field.get_col(alias)  # type: ignore[union-attr]


def column_converters(columns: Sequence[Any | None], using: str = "default") -> Converters:
    """The converters the ORM applies to the values of each column (an expression, such as a
    ``field_column``; None for a value the ORM would not convert), as ``SQLCompiler.get_converters``
    finds them: the database backend's first, then the field's."""
    connection = connections[using]
    converters: Converters = {}
    for index, expression in enumerate(columns):
        if expression is None:
            continue
        backend = connection.ops.get_db_converters(expression)
        functions = backend + expression.get_db_converters(connection)
        if functions:
            converters[index] = (functions, expression)
    return converters


def convert_rows(
    rows: Iterable[Sequence[Any]], converters: Converters, using: str = "default"
) -> list[tuple[Any, ...]]:
    """The rows with each value passed through its column's converters, as the ORM passes the
    rows of its own queries (``SQLCompiler.apply_converters``)."""
    if not converters:
        return [tuple(row) for row in rows]
    connection = connections[using]
    steps = list(converters.items())
    result = []
    for row in rows:
        values = list(row)
        for index, (functions, expression) in steps:
            value = values[index]
            for function in functions:
                value = function(value, expression, connection)
            values[index] = value
        result.append(tuple(values))
    return result


class CompiledQuery:
    """``build(*placeholders)`` must return a ``values_list`` queryset in which each
    placeholder is used as a query parameter; ``run(*arguments)`` gives its rows for the
    arguments in their place. Placeholders must be values that occur nowhere else in the
    query (for example ``uuid.UUID(int=1)``). Compiled once per thread, on its connection."""

    def __init__(
        self, build: Callable[..., QuerySet[Any]], *placeholders: Any, using: str = "default"
    ) -> None:
        self.build = build
        self.placeholders = placeholders
        self.using = using
        self._local = threading.local()

    def _compile(self) -> _Compiled:
        queryset = self.build(*self.placeholders)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        slots = []
        for index, param in enumerate(params):
            for argument, placeholder in enumerate(self.placeholders):
                if param == placeholder:
                    slots.append((index, argument, False))
                elif isinstance(placeholder, uuid.UUID) and param == placeholder.hex:
                    # A database without a UUID type (SQLite) gets UUIDs as hex strings.
                    slots.append((index, argument, True))
        if {slot[1] for slot in slots} != set(range(len(self.placeholders))):
            raise ValueError("a placeholder is not a parameter of the query")
        fields = [select[0] for select in compiler.select[: compiler.col_count]]
        return _Compiled(sql, list(params), slots, compiler, compiler.get_converters(fields))

    def run(self, *arguments: Any) -> list[tuple[Any, ...]]:
        compiled: _Compiled | None = getattr(self._local, "compiled", None)
        if compiled is None or compiled.compiler.connection is not connections[self.using]:
            compiled = self._local.compiled = self._compile()
        params = list(compiled.params)
        for index, argument, as_hex in compiled.slots:
            value = arguments[argument]
            params[index] = uuid.UUID(str(value)).hex if as_hex else value
        with connections[self.using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return convert_rows(rows, compiled.converters, using=self.using)


@dataclass
class _Compiled:
    sql: str
    params: list[Any]
    slots: list[tuple[int, int, bool]]  # (index in params, index of the argument, as hex)
    compiler: Any
    converters: Converters


def model_columns(model: type[Model], through: str = "") -> list[str]:
    """The ``values_list`` names of every concrete field of ``model``, reached through
    ``through`` (for example ``"unit__"``), in the order ``instance_from`` reads them."""
    return [through + field.attname for field in model._meta.concrete_fields]


def instance_from(
    model: type[M], row: Sequence[Any], start: int = 0, using: str = "default"
) -> M | None:
    """The instance of ``model`` whose ``model_columns`` begin at ``start`` in ``row``, made as
    the ORM makes it (``Model.from_db``): saved, with every field loaded. None when its primary
    key is NULL (a LEFT JOIN that found nothing)."""
    fields = model._meta.concrete_fields
    values = row[start : start + len(fields)]
    if values[fields.index(model._meta.pk)] is None:
        return None
    return model.from_db(using, [field.attname for field in fields], values)


def set_prefetched(instance: Model, name: str, objects: list[Any]) -> None:
    """Make ``instance.<name>.all()`` give ``objects`` without a query, as ``prefetch_related``
    leaves a many-to-many or reverse relation (a queryset of the relation with its results)."""
    manager = getattr(instance, name)
    queryset = manager.get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    instance._prefetched_objects_cache[manager.prefetch_cache_name] = queryset  # type: ignore[attr-defined]
