"""A process summary: the one mapping from a process row to what the API shows of it.

The process list maps a page of `values()` (no model instances), the serializers map a row,
and a command's answer maps the row the projection will write (`rows.summary_row`, built in
memory from the aggregate's situation), so the list, the detail and the 201 say the same
thing the same way (as healthchecks' `Check.to_dict()` is its checks' one representation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from negotiations.domain.process import PeaceProcess
from negotiations.domain.status_machine import is_overdue
from negotiations.read import selectors
from negotiations.read.models import Process
from negotiations.read.rows import summary_row
from negotiations.write.records import record_time

# The columns a summary reads, in the order it shows them (a page reads only these: no
# description, no creation time).
SUMMARY_COLUMNS = (
    "id",
    "slug",
    "name",
    "names",
    "conflict",
    "status",
    "status_since",
    "status_since_precision",
    "status_causes",
    "expected_resumption_on",
    "expected_resumption_precision",
    "mediators",
    "parties",
    "last_event_on",
    "last_event_on_precision",
    "version",
    "updated_at",
)

Columns = Mapping[str, Any]


def summary(row: Columns, names: Mapping[str, str], on: date) -> dict[str, Any]:
    """The summary of one process from its row's `SUMMARY_COLUMNS` (as `values()` gives them,
    or `columns_of` a row): the id as hyphenated text, dates as ISO text, the record time as
    `record_time` writes it (microseconds kept); `names` the actors' names (at least those
    stating its causes), `on` today, for `overdue`."""
    expected = row["expected_resumption_on"]
    updated_at = row["updated_at"]
    return {
        "id": str(row["id"]),
        "slug": row["slug"],
        "name": row["name"],
        "names": {str(lang): str(given) for lang, given in (row["names"] or {}).items()},
        "conflict": row["conflict"],
        "status": row["status"],
        "status_since": _iso(row["status_since"]),
        "status_since_precision": row["status_since_precision"],
        "status_causes": named_causes(row["status_causes"], names),
        "expected_resumption_on": _iso(expected),
        # No date expected, no precision: the column's default says nothing.
        "expected_resumption_precision": row["expected_resumption_precision"] if expected else None,
        "overdue": is_overdue(row["status"], expected, on, row["expected_resumption_precision"]),
        "mediators": [str(m) for m in row["mediators"]],
        "parties": [
            {"actor": str(p["actor"]), "participation": str(p["participation"])}
            for p in row["parties"]
        ],
        "last_event_on": _iso(row["last_event_on"]),
        "last_event_on_precision": row["last_event_on_precision"],
        "version": row["version"],
        "updated_at": record_time(updated_at) if updated_at else None,
    }


def summaries(rows: Iterable[Columns], names: Mapping[str, str] | None = None) -> list[Any]:
    """The summaries of these rows, the actors' names read once for all of them unless
    given."""
    rows = list(rows)
    if names is None:
        names = actor_names(rows)
    on = selectors.today()
    return [summary(row, names, on) for row in rows]


def named_causes(causes: Iterable[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict]:
    """Stated causes with each stating actor's name beside its slug (the slug again where
    the registry lacks the actor)."""
    return [{**c, "stated_by_name": names.get(c["stated_by"], c["stated_by"])} for c in causes]


def actor_names(rows: Iterable[Columns]) -> dict[str, str]:
    """The names of the actors who stated these processes' causes: one query."""
    return selectors.actor_names(c["stated_by"] for row in rows for c in row["status_causes"])


def columns_of(process: Process) -> dict[str, Any]:
    """A process row's `SUMMARY_COLUMNS`, as `values()` would give them."""
    return {name: getattr(process, name) for name in SUMMARY_COLUMNS}


def recorded_summary(process: PeaceProcess) -> dict[str, Any]:
    """The summary of a process as a command left it: the row the projection writes for it,
    built in memory (a write's answer, without reading a read model)."""
    return summaries([columns_of(summary_row(process))])[0]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
