"""Bulk import: every line checked against the domain in memory first, then the whole file
appended in one unit of work at the store's batched speed."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings

from negotiations.domain.actor_refs import referenced_actors
from negotiations.domain.errors import (
    DomainError,
    DuplicateProcess,
    InvalidEvent,
    ProcessNotFound,
    describe_refusal,
    unknown_actors,
)
from negotiations.domain.process import PeaceProcess, process_id_for
from negotiations.domain.registry import OPENING
from negotiations.domain.specs import parse_body, refuse_uuid_slug, utc_day

if TYPE_CHECKING:
    from negotiations.write.application import PeaceProcesses


@dataclass(frozen=True)
class ImportItem:
    """One line of an import file: which process, which event, recorded when and by whom."""

    line: int
    process: str
    type: str
    body: dict[str, Any]
    recorded_by: str
    recorded_at: datetime | None = None


@dataclass
class ImportPlan:
    aggregates: dict[UUID, PeaceProcess] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    failed_openings: dict[str, int] = field(default_factory=dict)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is read, checked and appended.

    An import holds every line, event and aggregate of the file until it is stored: a
    growing heap of objects that all stay alive. The collector still walks all of them
    every time the heap has grown by a quarter (Python's rule for a full collection), which
    cost about a third of the import's CPU (cProfile, 20,000 lines: 74-97 us an event with
    it, 50-52 without). Objects freed by their last reference go at once as always; only
    cycles wait, at most the file's, until the collector is back on at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plan_import(
    app: PeaceProcesses, items: Iterable[ImportItem], *, known_actors: set[str]
) -> ImportPlan:
    """Check every item against the domain rules, in memory, recording nothing.

    Items are applied to aggregates (new ones for opening lines, stored ones
    otherwise) in order; a refused item is reported with its line and skipped, so one
    run reports every bad line.
    """
    plan = ImportPlan()
    for item in items:
        try:
            aggregate = _plan_item(app, plan, item, known_actors)
        except DomainError as e:
            plan.errors[item.line] = describe_refusal(e)
            if item.type == OPENING:
                plan.failed_openings.setdefault(
                    str(item.body.get("slug") or item.process), item.line
                )
            continue
        plan.events.append(aggregate.pending_events[-1])
    return plan


def save_import(
    app: PeaceProcesses,
    plan: ImportPlan,
    *,
    batch_size: int = 1000,
    on_batch: Callable[[int], None] | None = None,
    project: bool = True,
) -> int:
    """Append a clean plan's events in batches (one multi-event save each)."""
    if plan.errors:
        raise ValueError("A plan with errors is never saved.")
    for aggregate in plan.aggregates.values():
        aggregate.collect_events()  # the plan holds them, in file order
    # One unit of work: a failure part way stores none of the file. The read models are
    # brought up once at the end (the rebuild's batched path), not batch by batch; with
    # `project=False` the caller does that itself (import_events, to time each step).
    #
    # The events go to the store's `put`, as the library's `save` would hand them on: `save`
    # first asks of each object whether it is an event or an aggregate (an isinstance check
    # against a runtime Protocol, ~40 us an event, as much as the store's insert), and has
    # nothing else to do for events alone (no aggregate to cache or snapshot; no `_notify`).
    with app.unit_of_work():
        for start in range(0, len(plan.events), batch_size):
            chunk = plan.events[start : start + batch_size]
            app.events.put(chunk)
            if on_batch:
                on_batch(len(chunk))
        if project and app.projection is not None:
            app.projection.after_import(app)
    return len(plan.events)


def _plan_item(
    app: PeaceProcesses, plan: ImportPlan, item: ImportItem, known_actors: set[str]
) -> PeaceProcess:
    # An event with its record time is history restored from an export: its text meets
    # only the rules it met when it was recorded (`parse_body`'s `restoring`).
    restoring = item.recorded_at is not None
    values = parse_body(item.type, item.body, restoring=restoring)
    unknown = {s: f for s, f in referenced_actors(values).items() if s not in known_actors}
    if unknown:
        raise unknown_actors({f: s for s, f in unknown.items()})
    if item.type == OPENING:
        if not restoring:
            refuse_uuid_slug(values["slug"])
        if values.get("occurred_on") is None:
            values["occurred_on"] = utc_day(item.recorded_at)
        process_id = process_id_for(values["slug"])
        if process_id in plan.aggregates or _exists(app, process_id):
            raise DuplicateProcess(values["slug"])
        opened = PeaceProcess.open(
            values,
            recorded_by=item.recorded_by,
            recorded_at=item.recorded_at,
            earliest=settings.EARLIEST_DATE,
        )
        plan.aggregates[process_id] = opened
        return opened
    if not item.process:
        raise InvalidEvent({"process": ["Name the process (its slug)."]})
    process_id = process_id_for(item.process)
    aggregate = plan.aggregates.get(process_id)
    if aggregate is None:
        if item.process in plan.failed_openings:
            raise InvalidEvent(
                {
                    "process": [
                        f"'{item.process}' could not be opened (line "
                        f"{plan.failed_openings[item.process]})."
                    ]
                }
            )
        try:
            aggregate = app.get_process(process_id)
        except ProcessNotFound:
            raise InvalidEvent(
                {"process": [f"No process '{item.process}' in the tracker or earlier in the file."]}
            )
        plan.aggregates[process_id] = aggregate
    aggregate.record(
        item.type,
        values,
        recorded_by=item.recorded_by,
        recorded_at=item.recorded_at,
        earliest=settings.EARLIEST_DATE,
    )
    return aggregate


def _exists(app: PeaceProcesses, process_id: UUID) -> bool:
    try:
        app.get_process(process_id)
    except ProcessNotFound:
        return False
    return True
