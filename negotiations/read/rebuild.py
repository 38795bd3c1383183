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

REBUILT_IN_BULK = (tables.TimelineEntry, tables.StatusPeriod, tables.StatusChange)


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
