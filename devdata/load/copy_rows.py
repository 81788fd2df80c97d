"""Rows written with PostgreSQL COPY, converted as the ORM would."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def _value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    return str(value)


class Table:
    """Rows for one table, written with COPY in one go."""

    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        opts = model._meta
        self.table = opts.db_table
        self.columns = [str(getattr(opts.get_field(name), "column", name)) for name in names]
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, *values: Any) -> None:
        self.buffer.write("\t".join(map(_value, values)))
        self.buffer.write("\n")
        self.count += 1

    def flush(self) -> int:
        count = self.count
        if count:
            quote = connection.ops.quote_name
            columns = ", ".join(quote(c) for c in self.columns)
            with connection.cursor() as cursor:
                raw = cursor.cursor  # the psycopg cursor
                with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    copy.write(self.buffer.getvalue())
        self.buffer = io.StringIO()
        self.count = 0
        return count


def _through(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).remote_field.through  # type: ignore[union-attr,return-value]
