"""Read-model rows written as plain values, without the ORM's per-field preparation.

The projection hands rows as tuples of Python values (JSON columns already encoded to text,
once per event). PostgreSQL takes new rows by `COPY`; SQLite by one `executemany`, its
values adapted here as Django would store them (UUIDs as hex, dates as ISO text, date-times
as Django's UTC text). Updates are one `executemany` on both. Under a guard (`guarded`: the
inline projection's rows, sent with the events) each row is one statement carrying the guard's
condition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection, models

from negotiations.write.eventstore import Computed

Row = Sequence[Any]


Position = int | Computed  # a stored event's store position, known or computed by the server


def sql_of(value: Position) -> tuple[str, tuple[Any, ...]]:
    """A value as SQL and its parameters: a placeholder, or a computed value's own SQL."""
    if isinstance(value, Computed):
        return value.sql, value.params
    return "%s", (value,)


@dataclass(frozen=True)
class Guard:
    """A condition (SQL and its parameters) every write made under `guarded` carries: rows
    are inserted, updated and deleted only if it holds when the statement runs. The inline
    projection's rows are guarded by its claim of the tracking position, so that they go in
    only if the claim took, with nothing to undo when it did not."""

    sql: str
    params: tuple[Any, ...]


_guard: ContextVar[Guard | None] = ContextVar("guard", default=None)


@contextmanager
def guarded(guard: Guard) -> Iterator[Guard]:
    """Within: `insert_rows`, `update_rows`, `delete_rows` and `run_guarded` write under
    `guard`, one statement a row, sent as they come (on PostgreSQL they are queued in the
    event insert's pipeline, where `executemany` would sync it: a round trip more)."""
    token = _guard.set(guard)
    try:
        yield guard
    finally:
        _guard.reset(token)


def run(statement: str, params: Sequence[Any]) -> Any:
    """Run one statement; return its cursor (the caller closes it). PostgreSQL: prepared
    once per connection, its parameters bound on the server (`prepared_cursor`)."""
    if connection.vendor == "postgresql":
        cursor = prepared_cursor()
        cursor.execute(statement, params, prepare=True)
        return cursor
    cursor = connection.cursor()
    cursor.execute(statement, params)
    return cursor


def _run_each(statement: str, rows: Sequence[Row], guard: Guard) -> None:
    for row in rows:
        run(statement, [*row, *guard.params]).close()


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
    guard = _guard.get()
    statement = _insert_statement(
        connection.vendor,
        model,
        model._meta.db_table,
        tuple(columns),
        tuple((i, rows[0][i].sql) for i in computed),
        guard.sql if guard else None,
    )
    if guard is not None:
        _run_each(statement, _with_computed(_adapted(model, columns, rows), computed), guard)
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
    guard = _guard.get()
    statement = _update_statement(
        connection.vendor,
        model._meta.db_table,
        tuple(columns),
        tuple(keys),
        tuple(assignments) if assignments else None,
        where,
        guard.sql if guard else None,
    )
    rows = _adapted(model, (*columns, *keys), rows)
    if guard is not None:
        _run_each(statement, rows, guard)
        return
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def delete_rows(model: type[models.Model], column: str, values: Sequence[Any]) -> None:
    """DELETE the rows of `model` whose `column` is one of `values` (under the guard, if
    any)."""
    if not values:
        return
    guard = _guard.get()
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(values))
    condition = f"{connection.ops.quote_name(column)} IN ({marks})"
    if guard is not None:
        condition = f"{condition} AND {guard.sql}"
    adapted = [row[0] for row in _adapted(model, (column,), [(v,) for v in values])]
    run(
        f"DELETE FROM {table} WHERE {condition}",  # noqa: S608 - names from the models' metadata
        [*adapted, *(guard.params if guard else ())],
    ).close()


def delete_keyed(model: type[models.Model], keys: Sequence[str], rows: Sequence[Row]) -> None:
    """DELETE the rows of `model` whose `keys` columns hold one of `rows` (each row the keys'
    values in order): one executemany (under the guard, if any, a statement a row)."""
    if not rows:
        return
    guard = _guard.get()
    condition = " AND ".join(f"{n} = %s" for n in _names(keys))
    if guard is not None:
        condition = f"{condition} AND {guard.sql}"
    statement = f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {condition}"  # noqa: S608 - names from the models' metadata
    rows = _adapted(model, keys, rows)
    if guard is not None:
        _run_each(statement, rows, guard)
        return
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def run_guarded(statement: str, params: Sequence[Any]) -> None:
    """Run `statement`, whose `{where}` becomes `WHERE` and the guard's condition (nothing
    without a guard); `params` are the statement's own, the guard's follow."""
    guard = _guard.get()
    sql = statement.format(where=f"WHERE {guard.sql}" if guard else "")
    run(sql, [*params, *(guard.params if guard else ())]).close()


def prepared_cursor() -> Any:
    """PostgreSQL: a cursor binding its parameters on the server, for statements prepared
    once per connection (Django's own cursors send each statement as new SQL text, which
    the server parses and plans every time)."""
    import psycopg

    return psycopg.Cursor(connection.connection)
