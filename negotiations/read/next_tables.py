"""The next tables of a blue/green rebuild: which they are, their DDL, and pointing this
process's connection at them.

On PostgreSQL they are the schema `read_models_next`, holding the read models under the
serving names; on SQLite they are `<table>__next` beside the serving tables. The read models
are pointed at them through the database connection alone, never by changing a model:

- PostgreSQL: the connection's `search_path` starts with the next schema, so every statement
  naming a read model's table (ORM, COPY, the projection's own SQL) finds the next one; the
  event store's tables are named with their schema and are not affected.
- SQLite, which has no search path: an execute wrapper (Django's documented
  `connection.execute_wrapper`) names the next tables in each statement the connection runs.
  Every table name Django and the projection write is quoted, so `"negotiations_process"`
  is replaced and `"negotiations_processposition"` is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from negotiations.read import models as tables

# Parents before children: the order the tables are made in and dropped in reverse.
READ_MODELS: tuple[type[models.Model], ...] = (
    tables.Process,
    tables.Participant,
    tables.Agreement,
    tables.AgreementActor,
    tables.TimelineEntry,
    tables.StatusPeriod,
    tables.StatusChange,
    tables.ProjectionPosition,
    tables.Tally,
)
NEXT_SCHEMA = "read_models_next"  # PostgreSQL
NEXT_SUFFIX = "__next"  # SQLite


def postgres() -> bool:
    return connection.vendor == "postgresql"


def sqlite_file() -> str | None:
    """The file of this connection's SQLite database: None on a server, in memory, or named by
    a `file:` URI (which no setting of the tracker writes). Another process opens that file to
    share the database, and the rebuild lock is a file beside it."""
    name = str(connection.settings_dict["NAME"] or "")
    if connection.vendor != "sqlite" or not name or name == ":memory:":
        return None
    return None if name.startswith("file:") or "mode=memory" in name else name


def serving_table(model: type[models.Model]) -> str:
    return str(model._meta.db_table)


def next_table(model: type[models.Model]) -> str:
    """The name of `model`'s next table, as a `db_table` (Django quotes it)."""
    if postgres():
        return f'{NEXT_SCHEMA}"."{serving_table(model)}'
    return f"{serving_table(model)}{NEXT_SUFFIX}"


@dataclass
class Definitions:
    """The read models' DDL as `migrate` would run it, by when a rebuild runs it."""

    tables: list[str] = field(default_factory=list)  # with keys and unique constraints
    indexes: list[str] = field(default_factory=list)  # plain CREATE INDEX
    foreign_keys: list[str] = field(default_factory=list)  # PostgreSQL's ALTER TABLE ... FK

    def names(self) -> set[str]:
        """The names of the indexes and foreign keys (what a killed old rebuild dropped)."""
        found = set()
        for statement in self.indexes + self.foreign_keys:
            match = re.search(r'(?:INDEX|CONSTRAINT) "([^"]+)"', statement)
            if match:
                found.add(match.group(1))
        return found


def definitions() -> Definitions:
    """Ask Django's schema editor for the SQL of `create_model` without running it (it is
    not entered: SQLite's editor refuses to enter inside a transaction, and nothing is
    executed through it; `deferred_sql` is what entering would set up)."""
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    editor.deferred_sql = []
    for model in READ_MODELS:
        editor.create_model(model)
    out = Definitions()
    for statement in [*editor.collected_sql, *map(str, editor.deferred_sql)]:
        sql = statement.strip().rstrip(";")
        if sql.startswith("CREATE TABLE"):
            out.tables.append(sql)
        elif re.match(r"CREATE (UNIQUE )?INDEX", sql):
            out.indexes.append(sql)
        elif sql.startswith("ALTER TABLE") and "FOREIGN KEY" in sql:
            out.foreign_keys.append(sql)
        else:
            raise RuntimeError(f"A read model needs DDL the rebuild does not know: {sql}")
    return out


def on_next(sql: str) -> str:
    """`sql` with each read model's (quoted) table replaced by its next table."""
    quote = connection.ops.quote_name
    for model in READ_MODELS:
        sql = sql.replace(quote(serving_table(model)), quote(next_table(model)))
    return sql


def _statements_on_next(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    return execute(on_next(sql), params, many, context)


@contextmanager
def into_next_tables() -> Iterator[None]:
    """Within: this process's connection reads and writes the next tables wherever a
    statement names a read model (see the module's docstring). Only the rebuild does this,
    in a process of its own; the models themselves are never changed."""
    if not postgres():
        with connection.execute_wrapper(_statements_on_next):
            yield
        return
    # Inside a transaction (the switch) for that transaction only: a rollback restores it.
    local = connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('search_path')")
        serving_path = str(cursor.fetchone()[0])
        next_path = f"{connection.ops.quote_name(NEXT_SCHEMA)}, {serving_path}"
        cursor.execute("SELECT set_config('search_path', %s, %s)", (next_path, local))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('search_path', %s, %s)", (serving_path, local))
