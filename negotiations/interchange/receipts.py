"""Idempotency receipts in an export: a line per receipt, so that a tracker moved by export and
import still answers an already-acknowledged Idempotency-Key with the event it recorded.

A receipt line (format 1) names the command's user and key, the fingerprint of its request, and
the event it answered by process slug and sequence:

    {"type": "receipt", "format": 1, "process": "...", "sequence": 3, "user": "editor",
     "key": "resume-2017-03-23", "fingerprint": "<64 hex>", "recorded_at": "...Z"}

An export writes each receipt where the store has it, right after the events of its command.
An import checks each one against the history (the event exists, in the file before the line
or in the tracker, and was recorded by the receipt's user; the key is not in use) with every
other line, and appends it after the event line before it, in the file's order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.utils.dateparse import parse_datetime
from eventsourcing.application import AggregateNotFoundError

from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.process import process_id_for
from negotiations.write.application import PeaceProcesses
from negotiations.write.imports import ImportItem, ImportPlan
from negotiations.write.receipts import CommandReceipt, receipt_id, restored_receipt
from negotiations.write.records import record_time

RECEIPT_LINE = "receipt"
RECEIPT_FORMAT = 1
RECEIPT_FIELDS = ("process", "sequence", "user", "key", "fingerprint", "recorded_at")
KEY_MAX = 200  # as the API takes an Idempotency-Key (api/requests.py)
USER_MAX = 150  # Django's username
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ReceiptEntry:
    """One receipt line of an import file."""

    line: int
    process: str
    sequence: int
    user: str
    key: str
    fingerprint: str
    recorded_at: datetime | None


def receipt_line(issued: CommandReceipt.Issued, process_slug: str) -> dict[str, Any]:
    """A stored receipt as an export writes it."""
    return {
        "type": RECEIPT_LINE,
        "format": RECEIPT_FORMAT,
        "process": process_slug,
        "sequence": issued.sequence,
        "user": issued.user,
        "key": issued.key,
        "fingerprint": issued.fingerprint,
        "recorded_at": record_time(issued.timestamp),
    }


def read_receipt(line: int, data: dict[str, Any]) -> ReceiptEntry | str:
    """A receipt line's entry, or what is wrong with it."""
    problems = []
    unknown = sorted(set(data) - {"type", "format", *RECEIPT_FIELDS})
    if unknown:
        problems.append(f"unknown fields {', '.join(unknown)}")
    if data.get("format") != RECEIPT_FORMAT or isinstance(data.get("format"), bool):
        problems.append(f"format: {RECEIPT_FORMAT} (the receipt format this tracker reads)")
    process, sequence = data.get("process"), data.get("sequence")
    user, key, print_ = data.get("user"), data.get("key"), data.get("fingerprint")
    if not isinstance(process, str) or not process:
        problems.append("process: the process's slug")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        problems.append("sequence: a positive integer")
    if not isinstance(user, str) or not 0 < len(user) <= USER_MAX:
        problems.append(f"user: 1 to {USER_MAX} characters")
    if not isinstance(key, str) or not 0 < len(key) <= KEY_MAX:
        problems.append(f"key: 1 to {KEY_MAX} characters")
    if not isinstance(print_, str) or not _FINGERPRINT.match(print_):
        problems.append("fingerprint: 64 lowercase hexadecimal digits")
    recorded_at = None
    raw_time = data.get("recorded_at")
    if raw_time is not None:
        recorded_at = parse_datetime(raw_time) if isinstance(raw_time, str) else None
        if recorded_at is None:
            problems.append("recorded_at: an ISO 8601 date-time")
        elif recorded_at.tzinfo is None:
            recorded_at = recorded_at.replace(tzinfo=UTC)
    if problems:
        return "Receipt line: " + "; ".join(problems) + "."
    return ReceiptEntry(line, process, sequence, user, key, print_, recorded_at)  # type: ignore[arg-type]  # checked above


def check_receipts(
    app: PeaceProcesses,
    plan: ImportPlan,
    items: Sequence[ImportItem],
    receipts: Iterable[ReceiptEntry],
) -> dict[int, str]:
    """What is wrong with each receipt line against the history the import would leave: the
    tracker's events and the file's (a plan made with every line, `plan_import`)."""
    checked = [item for item in items if item.line not in plan.errors]  # one event each
    line_of = {
        (event.originator_id, event.originator_version): item.line
        for item, event in zip(checked, plan.events, strict=True)
    }
    errors: dict[int, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for receipt in receipts:
        problem = _receipt_problem(app, plan, line_of, seen, receipt)
        if problem:
            errors[receipt.line] = problem
        seen.setdefault((receipt.user, receipt.key), receipt.line)
    return errors


def _receipt_problem(
    app: PeaceProcesses,
    plan: ImportPlan,
    line_of: dict[tuple[UUID, int], int],
    seen: dict[tuple[str, str], int],
    receipt: ReceiptEntry,
) -> str | None:
    where = f"event {receipt.sequence} of '{receipt.process}'"
    if (receipt.user, receipt.key) in seen:
        return (
            f"Receipt: the key '{receipt.key}' of '{receipt.user}' is on line "
            f"{seen[(receipt.user, receipt.key)]} already."
        )
    process_id = process_id_for(receipt.process)
    process = plan.aggregates.get(process_id)
    if process is None:
        try:
            process = app.get_process(process_id)
        except ProcessNotFound:
            return f"Receipt: no process '{receipt.process}' in the tracker or in the file."
    if receipt.sequence > len(process.entries):
        return f"Receipt: no {where} in the tracker or in the file."
    event_line = line_of.get((process_id, receipt.sequence))
    if event_line is not None and event_line > receipt.line:
        return f"Receipt: {where} is on line {event_line}, after its receipt."
    recorded_by = process.entries[receipt.sequence - 1].recorded_by
    if recorded_by != receipt.user:
        return f"Receipt: {where} was recorded by '{recorded_by}', not by '{receipt.user}'."
    try:
        app.repository.get(receipt_id(receipt.user, receipt.key))
    except AggregateNotFoundError:
        return None
    return f"Receipt: the key '{receipt.key}' of '{receipt.user}' is in the tracker already."


def with_receipts(
    plan: ImportPlan, items: Sequence[ImportItem], receipts: Sequence[ReceiptEntry]
) -> int:
    """Put each receipt's stored event into a clean plan, after the event line before it (the
    store keeps the file's order); the number of receipts."""
    lines = [item.line for item in items]
    if len(lines) != len(plan.events):
        raise ValueError("Receipts join a clean plan only: one event per line.")
    merged: list[Any] = []
    taken = 0
    for receipt in sorted(receipts, key=lambda r: r.line):
        upto = bisect.bisect_left(lines, receipt.line)
        merged.extend(plan.events[taken:upto])
        taken = upto
        merged.append(
            restored_receipt(
                user=receipt.user,
                key=receipt.key,
                print_=receipt.fingerprint,
                process_id=process_id_for(receipt.process),
                sequence=receipt.sequence,
                issued_at=receipt.recorded_at or datetime.now(UTC),
            )
        )
    merged.extend(plan.events[taken:])
    plan.events = merged
    return len(receipts)
