"""Comparing two builds of the read models: a digest over every row, and emptying them
(an incremental catch-up from nothing then builds them in place)."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from negotiations.read import models as tables
from negotiations.write.records import RecordTimeEncoder


def wipe_read_models() -> None:
    """Empty every read model and the tracking position (an incremental catch-up from
    nothing then builds them in place; tests compare that with what writes made)."""
    with transaction.atomic():
        for model in (
            tables.StatusChange,
            tables.StatusPeriod,
            tables.TimelineEntry,
            tables.AgreementActor,
            tables.Agreement,
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
    tables.Agreement: ["process_id", "slug"],
    tables.AgreementActor: ["process_id", "agreement_slug", "actor_slug", "role"],
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
    digest = hashlib.sha256()
    for model, order in CHECKSUM_ORDER.items():
        skip = {"id"} if model is not tables.Process else set()
        if not positions:
            skip.add("position")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        for row in model._default_manager.order_by(*order).values_list(*fields):
            digest.update(json.dumps(row, cls=RecordTimeEncoder, sort_keys=True).encode())
    return digest.hexdigest()
