"""Read-model rows written as plain values, without the ORM's per-field preparation.

The projection hands rows as tuples of Python values (JSON columns already encoded to text,
once per event). PostgreSQL takes new rows by `COPY`; SQLite by one `executemany`, its
values adapted here as Django would store them (UUIDs as hex, dates as ISO text, date-times
as Django's UTC text). Updates are one `executemany` on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection, models

Row = Sequence[Any]


@dataclass(frozen=True)
class Computed:
    """A value the database computes as the row goes in: `sql` (an expression with its own
    placeholders) and `params`. Every row of one insert has it in the same columns, with
    the same SQL (the inline projection's store positions, before the insert's ids are
    back)."""

    sql: str
    params: tuple[Any, ...]


@dataclass
class Guarded:
    """PostgreSQL: writes gathered instead of run, to go to the server as one statement whose
    every part happens only if `guard` (a query naming the relation `guard_name`) has a row:
    the inline projection's rows, written only if its claim of the tracking position took.
    A single data-modifying `WITH` statement: each part sees the database as it was before
    the statement, so no two parts may touch the same row (the inline batches that use this
    insert new rows and update distinct ones)."""

    guard: str
    guard_params: tuple[Any, ...]
    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    guard_name = "claimed"

    def add(self, sql: str, params: Sequence[Any]) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def statement(self) -> tuple[str, list[Any]]:
        """The one statement (its value: whether the guard held), and its parameters."""
        ctes = [f"{self.guard_name} AS ({self.guard})"]
        ctes += [f"w{i} AS ({part})" for i, part in enumerate(self.parts)]
        sql = f"WITH {', '.join(ctes)} SELECT count(*) FROM {self.guard_name}"  # noqa: S608 - the writers' own SQL
        return sql, [*self.guard_params, *self.params]


_guarded: ContextVar[Guarded | None] = ContextVar("guarded", default=None)


@contextmanager
def guarded(gathered: Guarded) -> Iterator[Guarded]:
    """Within: `insert_rows` and `update_rows` add their statements to `gathered`."""
    token = _guarded.set(gathered)
    try:
        yield gathered
    finally:
        _guarded.reset(token)


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
    joined = f" FROM {guard}" if guard else ""
    return f"UPDATE {connection.ops.quote_name(table)} SET {sets}{joined} WHERE {condition}"  # noqa: S608 - names from the models' metadata


@cache
def _insert_statement(
    vendor: str,
    model: type[models.Model],
    table_name: str,
    columns: tuple[str, ...],
    computed: tuple[tuple[int, str], ...],
    guard: str | None,
) -> str:
    """INSERT ... VALUES, or with a guard INSERT ... SELECT ... FROM it: the values typed by
    their columns there (a bare parameter in a SELECT list would be text). `table_name` is
    the model's table now (a blue/green rebuild points the models at the next tables)."""
    table = connection.ops.quote_name(table_name)
    names = ", ".join(_names(columns))
    casts = _casts(model, columns) if guard else ("",) * len(columns)
    marks = [f"%s::{cast}" if cast else "%s" for cast in casts]
    for i, sql in computed:
        marks[i] = sql
    if guard:
        return f"INSERT INTO {table} ({names}) SELECT {', '.join(marks)} FROM {guard}"  # noqa: S608 - names from the models' metadata
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join(marks)})"  # noqa: S608 - names from the models' metadata


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Sequence[Row]) -> None:
    """Insert new rows of `model`: COPY on PostgreSQL (a batch), else one executemany."""
    if not rows:
        return
    computed = [i for i, value in enumerate(rows[0]) if isinstance(value, Computed)]
    gathered = _guarded.get()
    statement = _insert_statement(
        connection.vendor,
        model,
        model._meta.db_table,
        tuple(columns),
        tuple((i, rows[0][i].sql) for i in computed),
        gathered.guard_name if gathered else None,
    )
    if gathered is not None:
        for row in _with_computed(rows, computed):
            gathered.add(statement, row)
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_ROWS and not computed:
            table = connection.ops.quote_name(model._meta.db_table)
            names = ", ".join(_names(columns))
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        _execute_each(cursor, statement, _with_computed(_adapted(model, columns, rows), computed))


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
    gathered = _guarded.get()
    statement = _update_statement(
        connection.vendor,
        model._meta.db_table,
        tuple(columns),
        tuple(keys),
        tuple(assignments) if assignments else None,
        where,
        gathered.guard_name if gathered else None,  # joined: no row updated without it
    )
    if gathered is not None:
        for row in rows:
            gathered.add(statement, row)
        return
    with connection.cursor() as cursor:
        _execute_each(cursor, statement, _adapted(model, (*columns, *keys), rows))


def _execute_each(cursor: Any, statement: str, rows: Sequence[Row]) -> None:
    """One statement for many rows: `executemany`, except inside a psycopg pipeline (the
    inline projection's rows sent with the event insert), where it would sync the pipeline
    first, a round trip more while the store's table lock is held: there each row is queued."""
    if connection.vendor == "postgresql" and _in_pipeline():
        with prepared_cursor() as raw:
            for row in rows:
                raw.execute(statement, row, prepare=True)
        return
    cursor.executemany(statement, rows)


def prepared_cursor() -> Any:
    """PostgreSQL: a cursor binding its parameters on the server, for statements prepared
    once per connection (Django's own cursors send each statement as new SQL text, which
    the server parses and plans every time)."""
    import psycopg

    return psycopg.Cursor(connection.connection)


def _in_pipeline() -> bool:
    from psycopg import pq

    return bool(connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF)
