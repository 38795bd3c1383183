"""Reading import files (NDJSON and CSV) into import items, and exporting history as NDJSON.

An NDJSON line is the body of `POST /api/v1/processes/{id}/events/` plus `process` (the slug;
a `process_opened` line takes its slug from its own fields) and, optionally, `recorded_at` and
`recorded_by`, which an export writes so that an import restores the history exactly.

The CSV layout (one row per event; empty cells are left out):

- `process`, `type`, `occurred_on`, `date_precision`, `note`, `recorded_at`, `recorded_by`
- the type's own fields by name (`expected_resumption_on`, `actor`, `stance`, `summary`, ...);
  lists of actors (`mediators`, `parties`) separated by `;`; `changes` as a JSON object
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateparse import parse_datetime

from .application import ImportItem
from .domain.specs import SPECS
from .models import TimelineEntry

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


@dataclass
class ReadResult:
    items: list[ImportItem] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)


def _item(line: int, data: Any, default_user: str, result: ReadResult) -> None:
    if not isinstance(data, dict):
        result.errors[line] = "Each line must be a JSON object."
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
            cause = {k: v for k, v in parts.items() if not k.startswith("source_")}
            if source:
                cause["source"] = source
            body.setdefault("causes", []).append(cause)
    return body


def allowed_csv_columns(header: list[str]) -> list[str]:
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


def export_lines(
    *, process_slug: str | None = None, since: datetime | None = None
) -> Iterator[str]:
    """The history as recorded, in store order, one NDJSON line per event."""
    rows = TimelineEntry.objects.select_related("process").order_by("position")
    if process_slug:
        rows = rows.filter(process__slug=process_slug)
    if since:
        rows = rows.filter(recorded_at__gte=since)
    for row in rows.iterator(chunk_size=2000):
        line = {
            "process": row.process.slug,
            "type": row.type,
            **row.recorded,
            # With its microseconds (DjangoJSONEncoder would cut them to milliseconds).
            "recorded_at": row.recorded_at.isoformat(),
            "recorded_by": row.recorded_by,
        }
        yield json.dumps(line, cls=DjangoJSONEncoder, ensure_ascii=False)
