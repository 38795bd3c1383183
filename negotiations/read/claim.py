"""The claim under which the inline projection's rows are written with the events: each
row goes in only if the claim of the tracking position took (`under_claim`, `Claim`).
PostgreSQL sends the claim and its rows as data-modifying statements of one `WITH`, SQLite
runs them one by one, each carrying the claim's guard. `rowwriter` writes through it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection

from negotiations.write.eventstore import Computed

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
    claimed AS (the claim RETURNING position), w0 AS (a write), ... SELECT position FROM
    claimed`, each write carrying `EXISTS (SELECT 1 FROM claimed)`: one message, plan and
    execution for many. A statement that would pass psycopg's bounds (above) ends, and the
    next begins with `claimed AS (SELECT 1 WHERE guard)`. The parts of one statement all see
    the database as it was before it, so no two may touch the same row: what comes after a
    delete (a process's participants, rewritten whole) goes in the next statement."""

    def __init__(self, claim: Statement, guard: Guard) -> None:
        self.cursor: Any = None  # the claim's: its row count says whether it took
        self.last: Any = None  # PostgreSQL: the last statement's, once sent (`ran`)
        self.statements: list[Statement] | None = None  # PostgreSQL's, until sent
        self.parts: list[Statement] = []
        if connection.vendor != "postgresql":
            self.cursor = run(claim.sql, claim.params)
            self.guard = guard
            return
        self.guard = Guard(f"EXISTS (SELECT 1 FROM {CLAIMED})", ())  # noqa: S608 - a constant
        self.head = Statement(f"{claim.sql} RETURNING position", claim.params)
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
        answer = "1" if self.statements else "position"  # the first answers the claimed position
        self.statements.append(
            Statement(
                f"WITH {', '.join(ctes)} SELECT {answer} FROM {CLAIMED}",  # noqa: S608 - the writers' own SQL
                (*head.params, *(p for part in self.parts for p in part.params)),
            )
        )
        self.parts = []

    def send(self) -> None:
        """PostgreSQL: send the statements (SQLite's are run as they come)."""
        if self.statements is None:
            return
        self.end_statement()
        last = len(self.statements) - 1
        for i, statement in enumerate(self.statements):
            cursor = run(statement.sql, statement.params)
            if i == 0:
                self.cursor = cursor
            if i == last:
                self.last = cursor
            elif i:
                cursor.close()

    def ran(self) -> bool:
        """PostgreSQL, once sent in a pipeline: whether every statement ran (those after one
        that failed are not run, and have no status)."""
        return self.last is not None and self.last.statusmessage is not None

    def claimed_position(self) -> int | None:
        """PostgreSQL, once the statements ran: the position the claim moved the tracking
        position to, or None if it did not take (and no row went in)."""
        row = self.cursor.fetchone() if self.cursor is not None else None
        return int(row[0]) if row else None

    def close(self) -> None:
        """The last statement's cursor (the claim's is closed by whoever asks `claimed`)."""
        if self.last is not None and self.last is not self.cursor:
            self.last.close()


_claim: ContextVar[Claim | None] = ContextVar("claim", default=None)


def current_claim() -> Claim | None:
    """The claim the writes of this context are made under, if any."""
    return _claim.get()


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


def prepared_cursor() -> Any:
    """PostgreSQL: a cursor binding its parameters on the server, for statements prepared
    once per connection (Django's own cursors send each statement as new SQL text, which
    the server parses and plans every time)."""
    import psycopg

    return psycopg.Cursor(connection.connection)
