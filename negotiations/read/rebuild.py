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

import json

from django.db import connection, models, transaction

from negotiations.read import models as tables
from negotiations.write.records import RecordTimeEncoder

REBUILT_IN_BULK: tuple[type[models.Model], ...] = (
    tables.TimelineEntry,
    tables.StatusPeriod,
    tables.StatusChange,
)


def _definitions(model: type[models.Model]) -> dict[str, str]:
    """Index name -> its CREATE INDEX statement, as Django's schema editor writes them."""
    # Only asked for its SQL, not entered (SQLite's editor refuses to enter inside a
    # transaction, and nothing is executed through it).
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    statements = editor._model_indexes_sql(model)  # type: ignore[attr-defined]  # stubs omit it
    return {str(s.parts["name"]).strip('"'): str(s) for s in statements}


def _existing(model: type[models.Model]) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, model._meta.db_table))


# Their foreign keys to the process row, on PostgreSQL: checked row by row (a trigger per
# row at each commit) while kept, once for the whole table (one join) when added back.
# Measured on 50,000 timeline rows: +0.7-1.1 s at the commit with the key, against the
# insert's 2.1-2.4 s. (SQLite's keys cannot be dropped, and cost little.)
CHECKED_ONCE: tuple[type[models.Model], ...] = (*REBUILT_IN_BULK, tables.Participant)


def _foreign_keys(model: type[models.Model]) -> dict[str, str]:
    """Foreign-key name -> its ALTER TABLE ... ADD CONSTRAINT, as Django's migrations add it."""
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    statements = [
        editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s")  # type: ignore[attr-defined]
        for field in model._meta.concrete_fields
        if field.remote_field is not None and field.db_constraint  # type: ignore[attr-defined]  # a relation's
    ]
    return {str(s.parts["name"]).strip('"'): str(s) for s in statements}


def _run_pending_checks() -> None:
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # PostgreSQL will not alter or index a table with deferred foreign-key checks
        # pending in this transaction: run them now (what Django does before its own DDL).
        connection.check_constraints()


def set_aside() -> None:
    """Drop the plain indexes (and on PostgreSQL the foreign keys) of the tables a full
    rebuild fills (after they are emptied)."""
    with connection.cursor() as cursor:
        for model in REBUILT_IN_BULK:
            for name in _definitions(model).keys() & _existing(model):
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
        if connection.vendor != "postgresql":
            return
        _run_pending_checks()
        for model in CHECKED_ONCE:
            table = connection.ops.quote_name(model._meta.db_table)
            for name in _foreign_keys(model).keys() & _existing(model):
                key = connection.ops.quote_name(name)
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {key}")


def restore() -> None:
    """Create every plain index (and foreign key) of those tables that is missing."""
    _run_pending_checks()
    with connection.cursor() as cursor:
        for model in REBUILT_IN_BULK:
            existing = _existing(model)
            for name, statement in _definitions(model).items():
                if name not in existing:
                    cursor.execute(statement)
        if connection.vendor != "postgresql":
            return
        for model in CHECKED_ONCE:
            existing = _existing(model)
            for name, statement in _foreign_keys(model).items():
                if name not in existing:
                    cursor.execute(statement)


def wipe_read_models() -> None:
    """Empty every read model and the tracking position (rebuild starts from here)."""
    with transaction.atomic():
        for model in (
            tables.StatusChange,
            tables.StatusPeriod,
            tables.TimelineEntry,
            tables.Participant,
            tables.Process,
            tables.ProjectionPosition,
            tables.Tally,
        ):
            model.objects.all().delete()


# Row order for a stable checksum; `id`s of rows other than processes are store-local.
CHECKSUM_ORDER = {
    tables.Process: ["id"],
    tables.Participant: ["process_id", "role", "actor_slug"],
    tables.TimelineEntry: ["process_id", "sequence"],
    tables.StatusPeriod: ["process_id", "sequence"],
    tables.Tally: ["name"],
    tables.StatusChange: ["process_id", "sequence", "amends"],
}


def rows_checksum(*, positions: bool = True) -> str:
    """A digest over every read-model row, to compare two builds of the read models.

    Without `positions`, the store positions are left out: two stores holding the same
    histories (say, SQLite and the PostgreSQL it was migrated to) then give the same digest.
    """
    import hashlib

    digest = hashlib.sha256()
    for model, order in CHECKSUM_ORDER.items():
        skip = {"id"} if model is not tables.Process else set()
        if not positions:
            skip.add("position")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        for row in model._default_manager.order_by(*order).values_list(*fields):
            digest.update(json.dumps(row, cls=RecordTimeEncoder, sort_keys=True).encode())
    return digest.hexdigest()
