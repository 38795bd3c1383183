"""Read-model rows written as plain values, without the ORM's per-field preparation.

The projection hands rows as tuples of Python values (JSON columns already encoded to text,
once per event). PostgreSQL takes new rows by `COPY`; SQLite by one `executemany`, its
values adapted here as Django would store them (UUIDs as hex, dates as ISO text, date-times
as Django's UTC text). Updates are one `executemany` on both. Under a claim (`under_claim`:
the inline projection's rows, sent with the events) each row is written only if the claim
took: on PostgreSQL all of them with the claim in one statement, on SQLite one statement a
row carrying the claim's guard.
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
    """A condition (SQL and its parameters) every write made under a claim carries: rows
    are inserted, updated and deleted only if it holds when the statement runs. The inline
    projection's rows are guarded by its claim of the tracking position, so that they go in
    only if the claim took, with nothing to undo when it did not."""

    sql: str
    params: tuple[Any, ...]


@dataclass(frozen=True)
class Statement:
    """One statement (SQL with its placeholders) and its parameters."""

    sql: str
    params: tuple[Any, ...]


# PostgreSQL: the name a statement of `under_claim` gives the claim's result.
CLAIMED = "claimed"
# psycopg keeps a statement's converted placeholders up to 50 parameters and 4096 characters;
# a larger one is parsed again on every run (0.1-0.2 ms for a status change's 76 parameters).
STATEMENT_PARAMS = 50
STATEMENT_CHARS = 4096


class Claim:
    """The writes made within `under_claim`, each only if its claim took.

    SQLite: the claim runs first, then each write as it comes, carrying `guard` (true once
    the claim took). PostgreSQL: `send` sends them as data-modifying statements, `WITH
    claimed AS (the claim RETURNING 1), w0 AS (a write), ... SELECT 1 FROM claimed`, each
    write carrying `EXISTS (SELECT 1 FROM claimed)`: one message, plan and execution for
    many. A statement that would pass psycopg's bounds (above) ends, and the next begins with
    `claimed AS (SELECT 1 WHERE guard)`. The parts of one statement all see the database as
    it was before it, so no two may touch the same row: what comes after a delete (a
    process's participants, rewritten whole) goes in the next statement."""

    def __init__(self, claim: Statement, guard: Guard) -> None:
        self.cursor: Any = None  # the claim's: its row count says whether it took
        self.statements: list[Statement] | None = None  # PostgreSQL's, until sent
        self.parts: list[Statement] = []
        if connection.vendor != "postgresql":
            self.cursor = run(claim.sql, claim.params)
            self.guard = guard
            return
        self.guard = Guard(f"EXISTS (SELECT 1 FROM {CLAIMED})", ())  # noqa: S608 - a constant
        self.head = Statement(f"{claim.sql} RETURNING 1", claim.params)
        self.after = Statement(f"SELECT 1 WHERE {guard.sql}", guard.params)
        self.statements = []

    def write(self, sql: str, params: Sequence[Any]) -> None:
        """One write, `params` with the guard's own after the statement's."""
        if self.statements is None:
            run(sql, params).close()
            return
        part = Statement(sql, tuple(params))
        if self.parts and not self._fits([*self.parts, part]):
            self.end_statement()
        self.parts.append(part)

    def _fits(self, parts: list[Statement]) -> bool:
        head = self.after if self.statements else self.head
        params = len(head.params) + sum(len(p.params) for p in parts)
        chars = len(head.sql) + sum(len(p.sql) + 12 for p in parts) + 40
        return params <= STATEMENT_PARAMS and chars <= STATEMENT_CHARS

    def end_statement(self) -> None:
        """PostgreSQL: what is gathered is one statement (the first one with the claim, even
        with no writes); the writes after it go in the next."""
        if self.statements is None or (self.statements and not self.parts):
            return
        head = self.after if self.statements else self.head
        ctes = [f"{CLAIMED} AS ({head.sql})"]
        ctes += [f"w{i} AS ({part.sql})" for i, part in enumerate(self.parts)]
        self.statements.append(
            Statement(
                f"WITH {', '.join(ctes)} SELECT 1 FROM {CLAIMED}",  # noqa: S608 - the writers' own SQL
                (*head.params, *(p for part in self.parts for p in part.params)),
            )
        )
        self.parts = []

    def send(self) -> None:
        """PostgreSQL: send the statements (SQLite's are run as they come)."""
        if self.statements is None:
            return
        self.end_statement()
        for i, statement in enumerate(self.statements):
            cursor = run(statement.sql, statement.params)
            if i:
                cursor.close()
            else:
                self.cursor = cursor


_claim: ContextVar[Claim | None] = ContextVar("claim", default=None)


@contextmanager
def under_claim(claim: Statement, guard: Guard) -> Iterator[Claim]:
    """Within: `insert_rows`, `update_rows`, `delete_rows` and `run_guarded` write only if
    `claim` (an UPDATE of one row) took (see `Claim`). On PostgreSQL nothing is sent before
    `send`: the rows are made before the event table is locked."""
    under = Claim(claim, guard)
    token = _claim.set(under)
    try:
        yield under
    finally:
        _claim.reset(token)


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
    under = _claim.get()
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
    under = _claim.get()
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
    under = _claim.get()
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
    """Run `statement`, whose `{where}` becomes `WHERE` and the claim's guard (nothing
    outside `under_claim`); `params` are the statement's own, the guard's follow."""
    under = _claim.get()
    if under is None:
        run(statement.format(where=""), params).close()
        return
    under.write(statement.format(where=f"WHERE {under.guard.sql}"), [*params, *under.guard.params])


def prepared_cursor() -> Any:
    """PostgreSQL: a cursor binding its parameters on the server, for statements prepared
    once per connection (Django's own cursors send each statement as new SQL text, which
    the server parses and plans every time)."""
    import psycopg

    return psycopg.Cursor(connection.connection)
