"""Read-model rows built from the domain's values: a process's summary, its timeline entries,
status periods and change-log rows, as model instances or as plain value tuples for the bulk
writers (COPY / executemany). The projection (projections.py) decides when; this says what."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any
from uuid import UUID

from negotiations.domain.change_log import LogRow
from negotiations.domain.history import (
    AMENDMENTS,
    Entry,
    Period,
    Situation,
    View,
)
from negotiations.domain.process import PeaceProcess
from negotiations.read.agreement_rows import third_party_values
from negotiations.read.folding import search_text
from negotiations.read.models import (
    Participant,
    Process,
    StatusChange,
    StatusPeriod,
    TimelineEntry,
)
from negotiations.read.rowwriter import insert_rows
from negotiations.write.records import jsonable, to_json

# Fields the process summary row and the domain's Situation share under the same name.
SITUATION_FIELDS = (
    "version",
    "name",
    "slug",
    "conflict",
    "description",
    "opened_on",
    "status",
    "status_since",
    "status_sequence",
    "expected_resumption_on",
    "latest_change_on",
    "last_event_on",
    "opened_on_precision",
    "status_since_precision",
    "latest_change_precision",
    "last_event_on_precision",
    "expected_resumption_precision",
)


def situation_from_row(process: Process) -> Situation:
    """The situation a process row holds; its agreements are not in the row (the
    projection reads them from theirs when an agreement event needs them)."""
    return Situation(
        **{name: getattr(process, name) for name in SITUATION_FIELDS},
        status_causes=process.status_causes,
        mediators=list(process.mediators),
        parties={p["actor"]: p["participation"] for p in process.parties},
        names=dict(process.names),
        actor_names={slug: dict(names) for slug, names in process.actor_names.items()},
    )


def write_situation(process: Process, s: Situation) -> None:
    for name in SITUATION_FIELDS:
        setattr(process, name, getattr(s, name))
    process.status_causes = jsonable(s.status_causes)
    process.mediators = list(s.mediators)
    process.parties = [{"actor": a, "participation": p} for a, p in s.parties.items()]
    process.names = dict(s.names)
    process.actor_names = {slug: dict(names) for slug, names in s.actor_names.items()}
    process.third_parties = third_party_values(s.agreements)
    process.search_text = situation_search_text(s)


def situation_search_text(s: Situation) -> str:
    """The folded search text of a process: its name, conflict and description, and its
    names in the other languages (in the languages' order, so a rebuild writes the same)."""
    return search_text(s.name, s.conflict, s.description, [s.names[k] for k in sorted(s.names)])


def write_participants(process: Process, s: Situation) -> None:
    Participant.objects.filter(process=process).delete()
    insert_participants(process, s)


def insert_participants(process: Process, s: Situation) -> None:
    Participant.objects.bulk_create(
        [Participant(process=process, actor_slug=m, role="mediator") for m in s.mediators]
        + [
            Participant(process=process, actor_slug=a, role="party", participation=p)
            for a, p in s.parties.items()
        ]
    )


PARTICIPANT_COLUMNS = ("process_id", "actor_slug", "role", "participation")


def participant_values(process_id: UUID, s: Situation) -> list[tuple[Any, ...]]:
    """The rows `insert_participants` writes, as plain values."""
    return [(process_id, m, "mediator", "active") for m in s.mediators] + [
        (process_id, a, "party", p) for a, p in s.parties.items()
    ]


def shallow(record: Any) -> dict[str, Any]:
    """A dataclass's fields, causes as stored (dataclasses.asdict deep-copies every value)."""
    fields = {f.name: getattr(record, f.name) for f in dataclass_fields(record)}
    fields["causes"] = jsonable(fields["causes"])
    return fields


def period_row(process: Process, p: Period) -> StatusPeriod:
    return StatusPeriod(process=process, **shallow(p))


def log_row(process: Process, row: LogRow, position: int) -> StatusChange:
    return StatusChange(process=process, position=position, **shallow(row))


def view_fields(view: View) -> dict[str, Any]:
    return {
        "current": jsonable(view.values),
        "corrections": jsonable(view.corrections),
        "retraction": jsonable(view.retraction),
        "occurred_on": view.values.get("occurred_on"),
        "date_precision": view.values.get("date_precision", "day"),
    }


def summary_row(process: PeaceProcess) -> Process:
    """The summary row the projection writes for a process, built in memory from the
    aggregate (a command's answer is this, not a read of the read model)."""
    row = Process(
        id=process.id,
        slug=process.situation.slug,
        created_at=process.created_on,
        updated_at=process.modified_on,
        version=process.version,
    )
    write_situation(row, process.situation)
    return row


def row_before(process: PeaceProcess, before: Situation) -> Process:
    """The stored summary row of a process before a command, as a projection batch holds it
    beside the process's situation `before` (what the read model holds, since every earlier
    event is applied): the batch reads its key and record time; the rest of what it writes
    comes from the situation (`process_values`)."""
    return Process(id=process.id, slug=before.slug, version=before.version)


def timeline_row(process: Process, entry: Entry, position: int | None) -> TimelineEntry:
    """The timeline row of an event (in memory; the projection saves it, an answer shows it)."""
    amendment = entry.type in AMENDMENTS
    values = jsonable(entry.values)
    return TimelineEntry(
        position=position,  # type: ignore[misc]  # None in an answer to a replay without one
        process=process,
        sequence=entry.sequence,
        type=entry.type,
        occurred_on=entry.occurred_on,
        date_precision=entry.values.get("date_precision", "day"),
        recorded_at=entry.recorded_at,
        recorded_by=entry.recorded_by,
        recorded=values,
        current=None if amendment else values,
    )


def timeline_values(process_id: UUID, entry: Entry, position: int) -> tuple[Any, ...]:
    """A new timeline row as the fast writer takes it: the columns of `TIMELINE_COLUMNS`, the
    event's values encoded to JSON once (the ORM would encode, decode and encode again)."""
    recorded = to_json(entry.values)
    return (
        position,
        process_id,
        entry.sequence,
        entry.type,
        entry.occurred_on,
        entry.values.get("date_precision", "day"),
        entry.recorded_at,
        entry.recorded_by,
        recorded,
        None if entry.type in AMENDMENTS else recorded,
        "[]",
        None,
    )


TIMELINE_COLUMNS = (
    "position",
    "process_id",
    "sequence",
    "type",
    "occurred_on",
    "date_precision",
    "recorded_at",
    "recorded_by",
    "recorded",
    "current",
    "corrections",
    "retraction",
)


def insert_timeline(rows: list[tuple[Any, ...]]) -> None:
    """Insert new timeline rows without the ORM's per-field preparation."""
    insert_rows(TimelineEntry, TIMELINE_COLUMNS, rows)


# The columns a status period and a status change's log row both keep of the event that made
# them: when it happened, why, what it expects, when it was recorded.
CHANGE_COLUMNS = (
    "occurred_on",
    "date_precision",
    "causes",
    "expected_resumption_on",
    "recorded_at",
    "expected_resumption_precision",
)
PERIOD_COLUMNS = (
    "process_id",
    "sequence",
    "from_status",
    "status",
    "starts_on",
    "ends_on",
    *CHANGE_COLUMNS,
)
LOG_COLUMNS = (
    "position",
    "process_id",
    "kind",
    "sequence",
    "amends",
    "reason",
    "from_status",
    "to_status",
    *CHANGE_COLUMNS,
)
# The process row's columns a later event may change (its id, slug and creation never do).
PROCESS_UPDATE_COLUMNS = (
    *SITUATION_FIELDS,
    "status_causes",
    "mediators",
    "parties",
    "names",
    "actor_names",
    "search_text",  # a name given in a language is searched too
    "updated_at",
)


def period_values(process_id: UUID, p: Period) -> tuple[Any, ...]:
    return (
        process_id,
        p.sequence,
        p.from_status,
        p.status,
        p.starts_on,
        p.ends_on,
        p.occurred_on,
        p.date_precision,
        to_json(p.causes),
        p.expected_resumption_on,
        p.recorded_at,
        p.expected_resumption_precision,
    )


def log_values(process_id: UUID, row: LogRow, position: int) -> tuple[Any, ...]:
    return (
        position,
        process_id,
        row.kind,
        row.sequence,
        row.amends,
        row.reason,
        row.from_status,
        row.to_status,
        row.occurred_on,
        row.date_precision,
        to_json(row.causes),
        row.expected_resumption_on,
        row.recorded_at,
        row.expected_resumption_precision,
    )


# A new process row: its key, creation time and third parties (later written by the
# agreements' projection, `agreement_rows`), then the rest.
PROCESS_INSERT_COLUMNS = ("id", "created_at", "third_parties", *PROCESS_UPDATE_COLUMNS)


def new_process_values(process: Process, s: Situation) -> tuple[Any, ...]:
    """A new process row (`PROCESS_INSERT_COLUMNS`) from its situation."""
    *values, _ = process_values(process, s)
    third_parties = to_json(third_party_values(s.agreements))
    return (process.id, process.created_at, third_parties, *values)


@dataclass
class OpenPeriod:
    """The stored last period of a process, as `domain.entries.close_period` closes it: the
    status change that began it (the situation's `status_sequence`), where it starts (the
    latest change's effective day, `latest_change_on`; for the planned period, which no
    change has followed, the opening's date) and where it ends."""

    sequence: int
    starts_on: date
    ends_on: date | None = None


def process_values(process: Process, s: Situation) -> tuple[Any, ...]:
    """The UPDATE of a process row from its situation (then its id, the key)."""
    return (
        *(getattr(s, name) for name in SITUATION_FIELDS),
        to_json(s.status_causes),
        to_json(s.mediators),
        to_json([{"actor": a, "participation": p} for a, p in s.parties.items()]),
        to_json(s.names),
        to_json(s.actor_names),
        situation_search_text(s),
        process.updated_at,
        process.id,
    )
