"""Read-model rows written as plain values, without the ORM's per-field preparation.

The projection hands rows as tuples of Python values (JSON columns already encoded to text,
once per event). PostgreSQL takes new rows by `COPY`; SQLite by one `executemany`, its
values adapted here as Django would store them (UUIDs as hex, dates as ISO text, date-times
as Django's UTC text). Updates are one `executemany` on both. Under a claim (`claim.under_claim`:
the inline projection's rows, sent with the events) each row is written only if the claim
took: on PostgreSQL all of them with the claim in one statement, on SQLite one statement a
row carrying the claim's guard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection, models

from negotiations.read.claim import Claim, current_claim, run
from negotiations.write.eventstore import Computed

Row = Sequence[Any]


def _write_each(statement: str, rows: Sequence[Row], under: Claim) -> None:
    for row in rows:
        under.write(statement, [*row, *under.guard.params])


# COPY pays for its extra round trips from a few rows on; a write's one row is an INSERT.
COPY_FROM_ROWS = 20


def _sqlite_kind(field: models.Field) -> str | None:
    """Which of the values SQLite stores otherwise than Python hands them `field` takes.
    (Not dates: Django's SQLite backend registers the adapter that stores a `date` as its
    ISO text, the ORM's text, as sqlite3 binds it.)"""
    kind = field.get_internal_type()
    if isinstance(field, models.ForeignKey):
        kind = field.target_field.get_internal_type()
    return kind if kind in ("UUIDField", "DateTimeField") else None


@cache
def _sqlite_kinds(
    model: type[models.Model], columns: tuple[str, ...]
) -> tuple[tuple[int, str], ...]:
    by_column = {f.column: f for f in model._meta.concrete_fields}
    found = [(i, _sqlite_kind(by_column[c])) for i, c in enumerate(columns)]
    return tuple((i, kind) for i, kind in found if kind is not None)


def _uuid_value(v: Any) -> Any:
    return v.hex if isinstance(v, UUID) else v


def _datetime_value() -> Callable[[Any], Any]:
    """Django's `adapt_datetimefield_value` of this connection, its settings read once: an
    aware date-time in the connection's time zone, naive, as text (what the ORM stores);
    anything else as Django adapts it."""
    ops = connection.ops
    adapt = ops.adapt_datetimefield_value
    tz = connection.timezone if settings.USE_TZ else None

    def value(v: Any) -> Any:
        if tz is not None and type(v) is datetime and v.tzinfo is not None:
            if v.tzinfo is tz:  # the usual case, UTC in UTC: its text without the offset
                return v.isoformat(" ")[:-6]
            return str(v.astimezone(tz).replace(tzinfo=None))
        return adapt(v)

    return value


def _adapted(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Row]
) -> Sequence[Row]:
    """Rows of Python values as SQLite stores them (as they are elsewhere): converted a
    column at a time (one `map` each), not a value at a time."""
    if connection.vendor != "sqlite":
        return rows
    kinds = _sqlite_kinds(model, tuple(columns))
    if not kinds or not rows:
        return rows
    by_kind: dict[str, Callable[[Any], Any]] = {"UUIDField": _uuid_value}
    if any(kind == "DateTimeField" for _, kind in kinds):
        by_kind["DateTimeField"] = _datetime_value()
    values = list(zip(*rows, strict=True))
    for i, kind in kinds:
        values[i] = tuple(map(by_kind[kind], values[i]))
    return list(zip(*values, strict=True))


def _names(columns: Sequence[str]) -> list[str]:
    return [connection.ops.quote_name(c) for c in columns]


def _casts(model: type[models.Model], columns: tuple[str, ...]) -> tuple[str, ...]:
    """Each column's database type (PostgreSQL), for typing a parameter as its column."""
    by_column = {f.column: f for f in model._meta.concrete_fields}
    types = []
    for c in columns:
        f = by_column[c]
        target = f.target_field if isinstance(f, models.ForeignKey) else f
        types.append(str(target.db_type(connection)))
    return tuple(types)


@cache
def _update_statement(
    vendor: str,
    table: str,
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    assignments: tuple[str, ...] | None,
    where: str | None,
    guard: str | None = None,
) -> str:
    sets = ", ".join(assignments or [f"{n} = %s" for n in _names(columns)])
    condition = where or " AND ".join(f"{n} = %s" for n in _names(keys))
    if guard:
        condition = f"{condition} AND {guard}"
    return f"UPDATE {connection.ops.quote_name(table)} SET {sets} WHERE {condition}"  # noqa: S608 - names from the models' metadata


@cache
def _insert_statement(
    vendor: str,
    model: type[models.Model],
    table_name: str,
    columns: tuple[str, ...],
    computed: tuple[tuple[int, str], ...],
    guard: str | None,
) -> str:
    """INSERT ... VALUES, or with a guard INSERT ... SELECT ... WHERE it: the values typed by
    their columns there (a bare parameter in a SELECT list would be text). `table_name` is
    the model's table now (a blue/green rebuild points the models at the next tables)."""
    table = connection.ops.quote_name(table_name)
    names = ", ".join(_names(columns))
    typed = guard and vendor == "postgresql"  # a bare parameter in a SELECT list is text there
    casts = _casts(model, columns) if typed else ("",) * len(columns)
    marks = [f"%s::{cast}" if cast else "%s" for cast in casts]
    for i, sql in computed:
        marks[i] = sql
    if guard:
        return f"INSERT INTO {table} ({names}) SELECT {', '.join(marks)} WHERE {guard}"  # noqa: S608 - names from the models' metadata
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join(marks)})"  # noqa: S608 - names from the models' metadata


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Row]) -> None:
    """Insert new rows of `model`: COPY on PostgreSQL (a batch), else one executemany."""
    if not rows:
        return
    computed = [i for i, value in enumerate(rows[0]) if isinstance(value, Computed)]
    under = current_claim()
    statement = _insert_statement(
        connection.vendor,
        model,
        model._meta.db_table,
        tuple(columns),
        tuple((i, rows[0][i].sql) for i in computed),
        under.guard.sql if under else None,
    )
    if under is not None:
        _write_each(statement, _with_computed(_adapted(model, columns, rows), computed), under)
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_ROWS and not computed:
            table = connection.ops.quote_name(model._meta.db_table)
            names = ", ".join(_names(columns))
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(statement, _with_computed(_adapted(model, columns, rows), computed))


def _with_computed(rows: Sequence[Row], computed: list[int]) -> Sequence[Row]:
    """Each row's parameters, a computed value's own in its place."""
    if not computed:
        return rows
    return [
        [p for value in row for p in (value.params if isinstance(value, Computed) else (value,))]
        for row in rows
    ]


def update_rows(
    model: type[models.Model],
    columns: Sequence[str],
    keys: Sequence[str],
    rows: Sequence[Row],
    *,
    assignments: Sequence[str] | None = None,
    where: str | None = None,
) -> None:
    """UPDATE rows of `model`: each row holds the values of `columns` then those of `keys`.

    `assignments` and `where` replace the plain `col = %s` SQL when a statement needs more
    (their placeholders take the row's values in order)."""
    if not rows:
        return
    under = current_claim()
    statement = _update_statement(
        connection.vendor,
        model._meta.db_table,
        tuple(columns),
        tuple(keys),
        tuple(assignments) if assignments else None,
        where,
        under.guard.sql if under else None,
    )
    rows = _adapted(model, (*columns, *keys), rows)
    if under is not None:
        _write_each(statement, rows, under)
        return
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def delete_rows(model: type[models.Model], column: str, values: Sequence[Any]) -> None:
    """DELETE the rows of `model` whose `column` is one of `values` (under the claim, if
    any)."""
    if not values:
        return
    under = current_claim()
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(values))
    condition = f"{connection.ops.quote_name(column)} IN ({marks})"
    adapted = [row[0] for row in _adapted(model, (column,), [(v,) for v in values])]
    if under is None:
        run(f"DELETE FROM {table} WHERE {condition}", adapted).close()  # noqa: S608 - names from the models' metadata
        return
    under.write(
        f"DELETE FROM {table} WHERE {condition} AND {under.guard.sql}",  # noqa: S608 - as above
        [*adapted, *under.guard.params],
    )
    under.end_statement()  # rows of the same keys may be inserted next: in another statement


def delete_keyed(model: type[models.Model], keys: Sequence[str], rows: Sequence[Row]) -> None:
    """DELETE the rows of `model` whose `keys` columns hold one of `rows` (each row the keys'
    values in order): one executemany (under the claim, if any, a write a row)."""
    if not rows:
        return
    under = current_claim()
    condition = " AND ".join(f"{n} = %s" for n in _names(keys))
    if under is not None:
        condition = f"{condition} AND {under.guard.sql}"
    statement = f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {condition}"  # noqa: S608 - names from the models' metadata
    rows = _adapted(model, keys, rows)
    if under is not None:
        _write_each(statement, rows, under)
        under.end_statement()  # rows of the same keys may be inserted next: in another statement
        return
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def run_guarded(statement: str, params: Sequence[Any]) -> None:
    """Run `statement`, whose `{where}` becomes `WHERE` and the claim's guard (nothing
    outside `under_claim`); `params` are the statement's own, the guard's follow."""
    under = current_claim()
    if under is None:
        run(statement.format(where=""), params).close()
        return
    under.write(statement.format(where=f"WHERE {under.guard.sql}"), [*params, *under.guard.params])
