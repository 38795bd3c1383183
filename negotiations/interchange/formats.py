"""Reading import files (NDJSON and CSV) into import items, and exporting history as NDJSON.

An NDJSON line is the body of `POST /api/v1/processes/{id}/events/` plus `process` (the slug;
an opening line takes its slug from its own fields) and, optionally, `recorded_at` and
`recorded_by`, which an export writes so that an import restores the history exactly.

A line `{"type": "actor", "slug": ..., "name": ..., "kind": ..., "description": ...}` is an
entry of the actor registry: an export writes the whole registry first, so that an import into
an empty database knows every actor its events name, with its own name and kind.

A line `{"type": "receipt", "format": 1, ...}` is an idempotency receipt (interchange/receipts.py):
an export writes each after the events of its command, and an import restores it, so that a
re-sent Idempotency-Key still answers the event it recorded.

The CSV layout (one row per event; empty cells are left out):

- `process`, `type`, `occurred_on`, `date_precision`, `note`, `recorded_at`, `recorded_by`
- the type's own fields by name (`expected_resumption_on`, `actor`, `stance`, `summary`, ...);
  lists of actors (`mediators`, `parties`, `joint_with`, `signatories`...: a field of the
  kind `actors`) separated by `;`; `changes` as a JSON object
- sources in numbered columns: `source1_url`, `source1_outlet`, `source1_title`,
  `source1_published_on`, `source2_url`, ...
- stated causes in numbered columns: `cause1_category`, `cause1_description`,
  `cause1_stated_by`, `cause1_source_url`, `cause1_source_outlet`, `cause1_source_title`,
  `cause1_source_published_on`, `cause2_category`, ...
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils.dateparse import parse_datetime

from negotiations.domain.process import PeaceProcess, process_id_for
from negotiations.domain.registry import OPENING
from negotiations.domain.specs import SPECS
from negotiations.domain.text_rules import bidi_control_refusal, unstorable_refusal
from negotiations.domain.vocabulary import ACTOR_KINDS
from negotiations.interchange.receipts import RECEIPT_LINE, ReceiptEntry, read_receipt, receipt_line
from negotiations.write.actors import NewActor
from negotiations.write.application import PeaceProcesses
from negotiations.write.imports import ImportItem
from negotiations.write.models import Actor
from negotiations.write.receipts import CommandReceipt
from negotiations.write.records import RecordTimeEncoder, record_time

ACTOR_LINE = "actor"
ACTOR_FIELDS = ("slug", "name", "kind", "description")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
META_KEYS = ("process", "type", "recorded_at", "recorded_by")
_NUMBERED = re.compile(r"^(source|cause)(\d+)_(.+)$")
SOURCE_PARTS = ("url", "outlet", "title", "published_on")
CAUSE_PARTS = (
    "category",
    "description",
    "stated_by",
    "source_url",
    "source_outlet",
    "source_title",
    "source_published_on",
)


@dataclass(frozen=True)
class ActorEntry(NewActor):
    """One entry of the actor registry, as an export writes it, with the line it is on."""

    line: int = 0


@dataclass
class ReadResult:
    items: list[ImportItem] = field(default_factory=list)
    actors: list[ActorEntry] = field(default_factory=list)
    receipts: list[ReceiptEntry] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    # Each line with its record time, by its content: the first line that had it.
    restored: dict[str, int] = field(default_factory=dict, repr=False)


def _actor(line: int, data: dict[str, Any], result: ReadResult) -> None:
    unknown = sorted(set(data) - {"type", *ACTOR_FIELDS})
    slug, name, kind = data.get("slug"), data.get("name"), data.get("kind")
    description = data.get("description") or ""
    problems = []
    if unknown:
        problems.append(f"unknown fields {', '.join(unknown)}")
    if not isinstance(slug, str) or not _SLUG.match(slug) or len(slug) > 100:
        problems.append("slug: letters, digits, - and _ only (at most 100)")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        problems.append("name: required (at most 200 characters)")
    # An actor line may come from an export, made from a registry that took names before
    # today's rules: it meets the rules actor lines always met (a bidirectional control), and
    # what no database can store.
    elif refusal := unstorable_refusal(name):
        problems.append(f"name: {refusal[1]}")
    elif bidi := bidi_control_refusal(name):
        problems.append(f"name: {bidi}")
    if kind not in ACTOR_KINDS:
        problems.append(f"kind: one of {', '.join(ACTOR_KINDS)}")
    if not isinstance(description, str):
        problems.append("description: text")
    elif refusal := unstorable_refusal(description):
        problems.append(f"description: {refusal[1]}")
    if problems:
        result.errors[line] = "Actor line: " + "; ".join(problems) + "."
        return
    result.actors.append(
        ActorEntry(
            slug=str(slug),
            name=str(name).strip(),
            kind=str(kind),
            description=description,
            line=line,
        )
    )


def _item(line: int, data: Any, default_user: str, result: ReadResult) -> None:
    if not isinstance(data, dict):
        result.errors[line] = "Each line must be a JSON object."
        return
    if data.get("type") == ACTOR_LINE:
        _actor(line, data, result)
        return
    if data.get("type") == RECEIPT_LINE:
        receipt = read_receipt(line, data)
        if isinstance(receipt, str):
            result.errors[line] = receipt
        else:
            result.receipts.append(receipt)
        return
    data = dict(data)
    event_type = data.pop("type", None)
    if event_type not in SPECS:
        result.errors[line] = f"type: must be one of {', '.join(SPECS)}."
        return
    process = data.pop("process", None) or ""
    recorded_by = data.pop("recorded_by", None) or default_user
    recorded_at_raw = data.pop("recorded_at", None)
    recorded_at = None
    if recorded_at_raw:
        recorded_at = (
            parse_datetime(str(recorded_at_raw)) if isinstance(recorded_at_raw, str) else None
        )
        if recorded_at is None:
            result.errors[line] = "recorded_at: enter an ISO 8601 date-time."
            return
        if recorded_at.tzinfo is None:
            recorded_at = recorded_at.replace(tzinfo=UTC)
    if not isinstance(process, str) or not isinstance(recorded_by, str):
        result.errors[line] = "process and recorded_by must be strings."
        return
    if recorded_at is not None:
        # An exported event is one line: the same again, at the same record time, is a copy
        # (an operator's outside test: a line pasted twice was recorded twice, one further
        # down was refused as "earlier than the event before it").
        same = json.dumps(
            [process, event_type, data, recorded_by, str(recorded_at)], default=str, sort_keys=True
        )
        first = result.restored.setdefault(same, line)
        if first != line:
            result.errors[line] = f"Repeats line {first}: the same event at the same record time."
            return
    result.items.append(ImportItem(line, process, event_type, data, recorded_by, recorded_at))


def read_ndjson(stream: Iterable[str], *, default_user: str) -> ReadResult:
    result = ReadResult()
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as e:
            result.errors[line_no] = f"Not valid JSON: {e}."
            continue
        _item(line_no, data, default_user, result)
    return result


def _own_field_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for spec in SPECS.values():
        for f in spec.fields:
            kinds[f.name] = f.kind
    return kinds


def csv_row_to_body(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row to an NDJSON-shaped dict (numbered columns to lists of objects)."""
    kinds = _own_field_kinds()
    body: dict[str, Any] = {}
    numbered: dict[tuple[str, int], dict[str, str]] = {}
    for column, raw in row.items():
        if column is None:
            raise ValueError("More cells than columns in this row.")
        value = (raw or "").strip()
        if not value:
            continue
        match = _NUMBERED.match(column)
        if match:
            numbered.setdefault((match[1], int(match[2])), {})[match[3]] = value
        elif kinds.get(column) == "actors":
            body[column] = [s.strip() for s in value.split(";") if s.strip()]
        elif kinds.get(column) == "sequence":
            body[column] = int(value) if value.isdigit() else value
        elif kinds.get(column) == "changes":
            body[column] = json.loads(value)

        else:
            body[column] = value
    for (kind, _n), parts in sorted(numbered.items()):
        if kind == "source":
            body.setdefault("sources", []).append(parts)
        else:
            source = {
                k.removeprefix("source_"): v for k, v in parts.items() if k.startswith("source_")
            }
            cause: dict[str, Any] = {k: v for k, v in parts.items() if not k.startswith("source_")}
            if source:
                cause["source"] = source
            body.setdefault("causes", []).append(cause)
    return body


def allowed_csv_columns(header: Sequence[str]) -> list[str]:
    """Columns this layout does not know."""
    known = set(META_KEYS) | {"occurred_on", "date_precision", "note"} | set(_own_field_kinds())
    unknown = []
    for column in header:
        match = _NUMBERED.match(column)
        if match:
            parts = SOURCE_PARTS if match[1] == "source" else CAUSE_PARTS
            if match[3] not in parts:
                unknown.append(column)
        elif column not in known:
            unknown.append(column)
    return unknown


def read_csv(stream: io.TextIOBase, *, default_user: str) -> ReadResult:
    result = ReadResult()
    reader = csv.DictReader(stream)
    unknown = allowed_csv_columns(reader.fieldnames or [])
    if unknown:
        result.errors[1] = f"Unknown columns: {', '.join(unknown)}."
        return result
    for row in reader:
        line = reader.line_num
        try:
            body = csv_row_to_body(row)
        except (ValueError, json.JSONDecodeError) as e:
            result.errors[line] = str(e)
            continue
        _item(line, body, default_user, result)
    return result


def actor_lines() -> Iterator[str]:
    """The actor registry, one line per actor, in slug order."""
    for actor in Actor.objects.order_by("slug").iterator(chunk_size=2000):
        line = {"type": ACTOR_LINE, "slug": actor.slug, "name": actor.name, "kind": actor.kind}
        if actor.description:
            line["description"] = actor.description
        yield json.dumps(line, ensure_ascii=False)


def export_lines(
    app: PeaceProcesses | None = None,
    *,
    process_slug: str | None = None,
    since: datetime | None = None,
) -> Iterator[str]:
    """The actor registry, then the history as recorded: every event in store order, read
    from the event store (not the read models), one NDJSON line each, and each idempotency
    receipt after the events of its command (with `since`, the receipts issued since)."""
    if app is None:
        from negotiations.write.runtime import get_application

        app = get_application()
    yield from actor_lines()
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    only = process_id_for(process_slug) if process_slug else None
    slugs: dict[Any, str] = {}  # from each process's opening, which comes first in the store
    position = 0
    while True:
        notifications = app.recorder.select_notifications(start=position + 1, limit=1000)
        if not notifications:
            return
        position = notifications[-1].id
        for notification in notifications:
            event = app.mapper.to_domain_event(notification)
            if isinstance(event, CommandReceipt.Issued):
                if (only is None or event.process_id == only) and (
                    since is None or event.timestamp >= since
                ):
                    line = receipt_line(event, slugs[event.process_id])
                    yield json.dumps(line, ensure_ascii=False)
                continue
            if not isinstance(event, PeaceProcess.Recorded):
                continue
            entry = event.entry()
            if entry.type == OPENING:
                slugs.setdefault(event.originator_id, entry.values["slug"])
            if process_slug and event.originator_id != only:
                continue
            if since and entry.recorded_at < since:
                continue
            line = {
                "process": slugs[event.originator_id],
                "type": entry.type,
                **entry.values,
                "recorded_at": record_time(entry.recorded_at),
                "recorded_by": entry.recorded_by,
            }
            yield json.dumps(line, cls=RecordTimeEncoder, ensure_ascii=False)
