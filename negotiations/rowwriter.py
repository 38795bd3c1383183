"""Read-model rows written as plain values, without the ORM's per-field preparation.

The projection hands rows as tuples of Python values (JSON columns already encoded to text,
once per event). PostgreSQL takes new rows by `COPY`; SQLite by one `executemany`, its
values adapted here as Django would store them (UUIDs as hex, dates as ISO text, date-times
as Django's UTC text). Updates are one `executemany` on both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection, models

Row = Sequence[Any]
# COPY pays for its extra round trips from a few rows on; a write's one row is an INSERT.
COPY_FROM_ROWS = 20


def _sqlite_converter(field: models.Field) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if isinstance(field, models.ForeignKey):
        kind = field.target_field.get_internal_type()
    if kind == "UUIDField":
        return lambda v: v.hex if isinstance(v, UUID) else v
    if kind == "DateTimeField":
        return lambda v: connection.ops.adapt_datetimefield_value(v)
    if kind == "DateField":
        return lambda v: v.isoformat() if isinstance(v, date) else v
    return None


@cache
def _adapter(
    vendor: str, model: type[models.Model], columns: tuple[str, ...]
) -> Callable[[Row], Row]:
    """A function turning a row of Python values into what SQLite stores (identity elsewhere)."""
    if vendor != "sqlite":
        return lambda row: row
    by_column = {f.column: f for f in model._meta.concrete_fields}
    converters = [(i, _sqlite_converter(by_column[c])) for i, c in enumerate(columns)]
    converters = [(i, fn) for i, fn in converters if fn is not None]

    def adapt(row: Row) -> Row:
        out = list(row)
        for i, fn in converters:
            out[i] = fn(out[i])
        return out

    return adapt


def _names(columns: Sequence[str]) -> list[str]:
    return [connection.ops.quote_name(c) for c in columns]


@cache
def _update_statement(
    vendor: str,
    table: str,
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    assignments: tuple[str, ...] | None,
    where: str | None,
) -> str:
    sets = ", ".join(assignments or [f"{n} = %s" for n in _names(columns)])
    condition = where or " AND ".join(f"{n} = %s" for n in _names(keys))
    return f"UPDATE {connection.ops.quote_name(table)} SET {sets} WHERE {condition}"


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: list[Row]) -> None:
    """Insert new rows of `model`: COPY on PostgreSQL (a batch), else one executemany."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(_names(columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_ROWS:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapt = _adapter(connection.vendor, model, tuple(columns))
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [adapt(r) for r in rows]
        )


def update_rows(
    model: type[models.Model],
    columns: Sequence[str],
    keys: Sequence[str],
    rows: list[Row],
    *,
    assignments: Sequence[str] | None = None,
    where: str | None = None,
) -> None:
    """UPDATE rows of `model`: each row holds the values of `columns` then those of `keys`.

    `assignments` and `where` replace the plain `col = %s` SQL when a statement needs more
    (their placeholders take the row's values in order)."""
    if not rows:
        return
    statement = _update_statement(
        connection.vendor,
        model._meta.db_table,
        tuple(columns),
        tuple(keys),
        tuple(assignments) if assignments else None,
        where,
    )
    adapt = _adapter(connection.vendor, model, (*columns, *keys))
    with connection.cursor() as cursor:
        cursor.executemany(statement, [adapt(r) for r in rows])
