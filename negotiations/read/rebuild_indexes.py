"""Secondary indexes of the largest read models, set aside during a full rebuild.

A full rebuild writes every row of the timeline, the status periods and the change log; an
index built once at the end costs less than one kept up to date row by row (measured on
PostgreSQL: 7,000-8,500 -> 9,300-11,300 events/s, the indexes rebuilt in a fraction of a
second per 30,000 rows). Only plain indexes are set aside: the unique ones stay, since the
rebuild's own checks and updates read through them (the stale-position check, the closing of
a period by (process, sequence)). The definitions are Django's own (the ones its migrations
create), so `restore` puts back exactly what is missing, also after a rebuild that was killed.
"""

from __future__ import annotations

from django.db import connection, models

from .models import StatusChange, StatusPeriod, TimelineEntry

REBUILT_IN_BULK = (TimelineEntry, StatusPeriod, StatusChange)


def _definitions(model: type[models.Model]) -> dict[str, str]:
    """Index name -> its CREATE INDEX statement, as Django's schema editor writes them."""
    # Only asked for its SQL, not entered (SQLite's editor refuses to enter inside a
    # transaction, and nothing is executed through it).
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    statements = editor._model_indexes_sql(model)
    return {str(s.parts["name"]).strip('"'): str(s) for s in statements}


def _existing(model: type[models.Model]) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, model._meta.db_table))


def set_aside() -> None:
    """Drop the plain indexes of the tables a full rebuild fills (after they are emptied)."""
    with connection.cursor() as cursor:
        for model in REBUILT_IN_BULK:
            for name in _definitions(model).keys() & _existing(model):
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")


def restore() -> None:
    """Create every plain index of those tables that is missing."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # PostgreSQL will not index a table with deferred foreign-key checks pending in
        # this transaction: run them now (what Django does before its own DDL).
        connection.check_constraints()
    with connection.cursor() as cursor:
        for model in REBUILT_IN_BULK:
            existing = _existing(model)
            for name, statement in _definitions(model).items():
                if name not in existing:
                    cursor.execute(statement)
